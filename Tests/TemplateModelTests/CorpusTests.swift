import Diagnostics
import Testing
@testable import TemplateModel

/// cfn-lint's own template fixtures (../shared/corpus): what must load and what must not.
@Suite struct CfnLintCorpusTests {
  static let good = SharedMaterial.tsv("corpus/cfn-lint-good/expected.tsv")
  static let badParse = SharedMaterial.tsv("corpus/cfn-lint-bad-parse/expected.tsv")

  /// cfn-lint's E0000 (template not parsable) and E0001 (transform failed).
  static func failsToParse(_ row: [String: String]) -> Bool {
    let codes = (row["error_codes"] ?? "").split(separator: ",")
    return codes.contains("E0000") || codes.contains("E0001")
  }

  @Test func corpusIsPresent() {
    #expect(Self.good.count == 154)
    #expect(Self.badParse.count == 46)
  }

  /// The 112 templates cfn-lint finds free of errors load and check without an input error.
  @Test("error-free cfn-lint templates load", arguments: good.filter { $0["no_errors"] == "yes" }.map { $0["file"]! })
  func errorFreeTemplateLoads(_ file: String) throws {
    let source = try SharedMaterial.source("corpus/cfn-lint-good/" + file)
    #expect(throws: Never.self) { try Template.load(source) }
  }

  /// Templates that fail to parse (E0000) or to transform (E0001) are rejected at load
  /// with a location inside the file.
  @Test("unparsable templates are rejected with a location", arguments: badParse.filter { Self.failsToParse($0) }.map { $0["file"]! })
  func unparsableTemplateIsRejected(_ file: String) throws {
    let source = try SharedMaterial.source("corpus/cfn-lint-bad-parse/" + file)
    let error = try #require(throws: InputError.self) { try TemplateDocument.load(source) }
    #expect(error.location?.file == "corpus/cfn-lint-bad-parse/" + file)
    #expect((error.location?.line ?? 0) >= 1)
  }

  /// The other bad templates hold semantic faults: they still load as documents.
  @Test("semantically faulty templates still load as documents", arguments: badParse.filter { !Self.failsToParse($0) }.map { $0["file"]! })
  func semanticFaultLoads(_ file: String) throws {
    let source = try SharedMaterial.source("corpus/cfn-lint-bad-parse/" + file)
    #expect(throws: Never.self) { try TemplateDocument.load(source) }
  }
}

/// The cfn-lint corpus evaluated: the error-free templates evaluate for SAM CLI's
/// `default` env; the 42 with cfn-lint errors load or are rejected only for a fault
/// cfn-lint also reports.
@Suite struct CfnLintCorpusEvaluationTests {
  static func configuration() throws -> DeployConfiguration {
    try DeployConfiguration.resolve(environment: "default", samconfig: nil, command: nil)
  }

  @Test("error-free cfn-lint templates evaluate", arguments: CfnLintCorpusTests.good.filter { $0["no_errors"] == "yes" }.map { $0["file"]! })
  func evaluates(_ file: String) throws {
    let template = try Template.load(try SharedMaterial.source("corpus/cfn-lint-good/" + file))
    let evaluated = TemplateEvaluator.evaluate(template, configuration: try Self.configuration())
    #expect(evaluated.resources.count + evaluated.removedResources.count == template.resources.count)
  }

  /// cfn-lint codes whose faults our loader also rejects: E0000 (parse), E1001 (structure),
  /// E1004 (description), E1010-E1032 (intrinsic shapes and references), E3001-E3004
  /// (resource structure, cycles), E6101 (outputs), E8xxx (conditions).
  static func cfnLintReportsOurFault(_ codes: String, message: String) -> Bool {
    codes.split(separator: ",").contains { code in
      code.hasPrefix("E0") || code.hasPrefix("E10") || code.hasPrefix("E3001") || code.hasPrefix("E3002") || code.hasPrefix("E3003")
        || code.hasPrefix("E3004") || code.hasPrefix("E3005") || code.hasPrefix("E6") || code.hasPrefix("E8")
    }
  }

  @Test("templates with cfn-lint errors are rejected only for faults cfn-lint reports", arguments: CfnLintCorpusTests.good.filter { $0["no_errors"] != "yes" }.map { ($0["file"]!, $0["error_codes"] ?? "") })
  func faultyTemplate(_ file: String, _ codes: String) throws {
    do {
      _ = try Template.load(try SharedMaterial.source("corpus/cfn-lint-good/" + file))
    } catch let error as InputError {
      #expect(Self.cfnLintReportsOurFault(codes, message: error.message), "\(file) rejected (\(error)) but cfn-lint reports only \(codes)")
    }
  }
}

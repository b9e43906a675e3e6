import Foundation
import Testing
@testable import Rules

/// The JSON report validated against schemas/report.schema.json with Python's jsonschema.
@Suite struct JSONReportTests {
  @Test func ownRepositoryValidates() throws {
    let project = try OwnRepository.project.get()
    let text = JSONReport(try OwnRepository.matrix.get(), version: "0.1.0", scenarios: project.environments.map(\.scenario), template: project.template).rendered()
    #expect(try Tool.validate(json: text, schema: Paths.reportSchema) == [])
  }

  /// Each config env's scenario: stack name, region, parameter values with where they
  /// are set, condition outcomes; a NoEcho parameter's value is masked.
  @Test func scenariosNameWhatEachEnvEvaluated() throws {
    let copy = try Copy()
    defer { copy.remove() }
    let template = copy.directory.appendingPathComponent("infra/template.yaml")
    var text = try String(contentsOf: template, encoding: .utf8)
    text = text.replacingOccurrences(of: "\nParameters:\n", with: "\nParameters:\n  ApiToken:\n    Type: String\n    NoEcho: true\n    Default: s3cr3t-value\n  LongValue:\n    Type: String\n    Default: " + String(repeating: "x", count: 10_000) + "\n")
    try text.write(to: template, atomically: true, encoding: .utf8)
    let project = try copy.load()
    let json = JSONReport(try copy.matrix(), version: "0.1.0", scenarios: project.environments.map(\.scenario), template: project.template).rendered()
    #expect(try Tool.validate(json: json, schema: Paths.reportSchema) == [])
    #expect(!json.contains("s3cr3t-value"))
    let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let scenarios = try #require(object["scenarios"] as? [[String: Any]])
    #expect(scenarios.compactMap { $0["environment"] as? String } == ["dev", "prod"])
    let prod = try #require(scenarios.last)
    #expect((prod["stackName"] as? [String: Any])?["value"] as? String == "vibejudge-dashboard-prod")
    #expect((prod["conditions"] as? [String: Any])?["IsProd"] as? Bool == true)
    let parameters = try #require(prod["parameters"] as? [String: [String: Any]])
    #expect(parameters["Environment"]?["value"] as? String == "prod")
    #expect(parameters["ApiToken"]?["value"] as? String == "****")
    // Values past 4,096 bytes are cut (each env repeats every parameter).
    #expect(parameters["LongValue"]?["value"] as? String == String(repeating: "x", count: 4096) + "… (5904 more bytes)")
    #expect(parameters["ImageTag"]?["known"] as? Bool == false)
    #expect((parameters["Environment"]?["setBy"] as? [String: Any])?["file"] as? String == "deploy.sh")
  }

  @Test func brokenCopyValidatesWithItsFindings() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let text = JSONReport(matrix, version: "0.1.0").rendered()
    #expect(try Tool.validate(json: text, schema: Paths.reportSchema) == [])
    let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["compliant"] as? Bool == false)
    #expect((object["findings"] as? [Any])?.count == matrix.findings.count)
  }

  @Test func aSchemaViolationIsReported() throws {
    // The validator itself must reject a wrong document, or the tests above prove nothing.
    let errors = try Tool.validate(json: #"{"schemaVersion": 2}"#, schema: Paths.reportSchema)
    #expect(!errors.isEmpty)
  }
}

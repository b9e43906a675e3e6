import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Rules

/// JUnit XML read back with Foundation's XMLParser: counts per suite and in total, and
/// what failures and skips carry.
@Suite struct JUnitReportTests {
  /// What the parser saw.
  final class Reader: NSObject, XMLParserDelegate {
    struct Suite {
      var attributes: [String: String]
      var cases = 0
      var failures = 0
      var skipped = 0
    }
    var root: [String: String] = [:]
    var suites: [Suite] = []
    var failures: [(testCase: String, message: String, text: String)] = []
    var skips: [(testCase: String, message: String)] = []
    private var testCase = ""
    private var text = ""
    private var failureMessage: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
      switch name {
      case "testsuites": root = attributes
      case "testsuite": suites.append(Suite(attributes: attributes))
      case "testcase":
        suites[suites.count - 1].cases += 1
        testCase = attributes["name"] ?? ""
      case "failure":
        suites[suites.count - 1].failures += 1
        failureMessage = attributes["message"] ?? ""
        text = ""
      case "skipped":
        suites[suites.count - 1].skipped += 1
        skips.append((testCase, attributes["message"] ?? ""))
      default: break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if name == "failure", let message = failureMessage {
        failures.append((testCase, message, text))
        failureMessage = nil
      }
    }
  }

  static func read(_ xml: String) throws -> Reader {
    let parser = XMLParser(data: Data(xml.utf8))
    let reader = Reader()
    parser.delegate = reader
    #expect(parser.parse(), "well-formed XML: \(String(describing: parser.parserError))")
    return reader
  }

  /// Expected test cases: each row once per env it stands for.
  static func expectedCases(_ matrix: RequirementMatrix, status: RequirementMatrix.Status? = nil) -> Int {
    matrix.rows.filter { status == nil || $0.status == status }
      .map { $0.environment == nil ? max(matrix.environments.count, 1) : 1 }.reduce(0, +)
  }

  @Test func ownRepositoryCounts() throws {
    let matrix = try OwnRepository.matrix.get()
    let reader = try Self.read(JUnitReport(matrix).rendered())
    let groups = Set(matrix.rows.map(\.requirement.id.group))
    #expect(reader.suites.count == groups.count)
    #expect(reader.suites.map(\.cases).reduce(0, +) == Self.expectedCases(matrix))
    #expect(Int(reader.root["tests"] ?? "") == Self.expectedCases(matrix))
    #expect(reader.failures.count == Self.expectedCases(matrix, status: .fail))
    let skippable: [RequirementMatrix.Status] = [.waived, .needsEvidence, .notApplicable, .noRule]
    #expect(reader.skips.count == skippable.map { Self.expectedCases(matrix, status: $0) }.reduce(0, +))
    // The waived rows (4.4 and 9.1 in dev; 12.1 in every env) are skipped with the waiver's reason.
    let waived = reader.skips.filter { $0.message.hasPrefix("waived: ") }
    #expect(waived.count == Self.expectedCases(matrix, status: .waived))
    #expect(waived.allSatisfy {
      ($0.message.contains("log group names are unique") && $0.testCase.contains("[env dev]"))
        || ($0.message.contains("2-task month costs") && $0.testCase.hasPrefix("12.1"))
    })
    #expect(reader.skips.contains { $0.message.hasPrefix("needs evidence: ") })
    for suite in reader.suites {
      #expect(Int(suite.attributes["tests"] ?? "") == suite.cases)
      #expect(Int(suite.attributes["skipped"] ?? "") == suite.skipped)
    }
  }

  @Test func brokenCopyFailuresCarryMessageAndLocation() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let reader = try Self.read(JUnitReport(matrix).rendered())
    #expect(reader.failures.count == Self.expectedCases(matrix, status: .fail))
    #expect(Int(reader.root["failures"] ?? "") == reader.failures.count)
    let ssh = reader.failures.filter { $0.testCase.hasPrefix("8.2 ") }
    #expect(ssh.count == 2, "8.2 fails in dev and prod")
    #expect(ssh.allSatisfy { $0.message.hasPrefix("infra/template.yaml:") && $0.message.contains("opens 22") })
    #expect(ssh.allSatisfy { $0.text.contains("[task-ingress-from-alb]") })
    let network = try #require(reader.suites.first { $0.attributes["name"]?.hasPrefix("8 ") == true })
    #expect(network.failures == 2)
  }

  @Test(.enabled(if: Tool.available("xmllint"), "xmllint (Debian libxml2-utils) is not installed: the XSD check is skipped"))
  func validatesAgainstTheLenientJUnitSchema() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let file = copy.directory.appendingPathComponent("junit.xml")
    try JUnitReport(try copy.matrix()).rendered().write(to: file, atomically: true, encoding: .utf8)
    let outcome = try Tool.run("xmllint", ["--noout", "--schema", Paths.junitSchema.path, file.path])
    #expect(outcome.status == 0, "\(outcome.error)")
  }

  @Test func escapesMarkupAndDropsForbiddenCharacters() {
    #expect(JUnitReport.attribute("a<b & \"c\"\n\u{1}") == "\"a&lt;b &amp; &quot;c&quot;&#10;\"")
    #expect(JUnitReport.text("x > y\u{FFFE}") == "x &gt; y")
  }
}

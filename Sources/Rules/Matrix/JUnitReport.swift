import Requirements

/// The matrix as JUnit XML, for CI systems that show test results: one `<testsuite>` per
/// requirement group, one `<testcase>` per requirement × config env (a matrix row that
/// holds in every env gives one test case per env).
///
/// - `fail`: a `<failure>` whose `message` is the first finding and whose text lists
///   every finding as `file:line:column: error: [rule] message`.
/// - `waived`, `needs-evidence`, `not-applicable` and `no-rule`: `<skipped>` with the reason.
/// - `pass` and `warn`: a passing test case; a warning's findings are in `<system-out>`.
///
/// The layout follows the lenient Surefire-style schema the Jenkins xUnit plugin uses
/// (`junit-10.xsd`); there is no official JUnit XML standard. Reference: Maven Surefire
/// XML report format, https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd
public struct JUnitReport: Sendable {
  /// One test case: a requirement in one env.
  public struct TestCase: Sendable {
    public enum Outcome: Sendable {
      case passed(output: [String])
      case failed(message: String, type: String, details: [String])
      case skipped(String)
      /// The run could not check the files (`failedRun`).
      case errored(message: String, type: String)
    }
    public var name: String
    public var classname: String
    public var outcome: Outcome
  }

  public struct TestSuite: Sendable {
    public var name: String
    public var cases: [TestCase]
    public var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
    public var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    public var errors: Int { cases.filter { if case .errored = $0.outcome { true } else { false } }.count }
  }

  public var suites: [TestSuite]

  public init(_ matrix: RequirementMatrix) {
    var order: [Int] = []
    var byGroup: [Int: TestSuite] = [:]
    for row in matrix.rows {
      let group = row.requirement.id.group
      if byGroup[group] == nil {
        order.append(group)
        byGroup[group] = TestSuite(name: "\(group) \(row.requirement.groupTitle)".trimmingTrailingSpace, cases: [])
      }
      let environments: [String?] = row.environment.map { [$0] } ?? (matrix.environments.isEmpty ? [nil] : matrix.environments.map(Optional.some))
      for environment in environments {
        byGroup[group]!.cases.append(Self.testCase(row, environment: environment, suite: byGroup[group]!.name, all: matrix.environments))
      }
    }
    suites = order.map { byGroup[$0]! }
  }

  static func testCase(_ row: RequirementMatrix.Row, environment: String?, suite: String, all: [String]) -> TestCase {
    let name = "\(row.requirement.id) \(row.requirement.title)" + (environment.map { " [env \($0)]" } ?? "")
    let lines = row.findings.map { finding in
      ("\(finding.location): \(finding.severity.rawValue): [\(finding.ruleID)] \(finding.message)" + (finding.environment.map { " (env \($0))" } ?? "")).foldingLineBreaks
    }
    let outcome: TestCase.Outcome
    switch row.status {
    case .pass:
      outcome = .passed(output: [])
    case .warn:
      outcome = .passed(output: lines)
    case .fail:
      let first = row.findings.first { $0.severity == .error } ?? row.findings.first
      outcome = .failed(message: first.map { "\($0.location): \($0.message)" } ?? row.note, type: first?.ruleID ?? "vibe-rules", details: lines)
    case .waived:
      let reasons = row.waived.map { "\($0.waiver.reason) (waiver at \($0.waiver.location); finding at \($0.finding.location))" }
      outcome = .skipped("waived: " + (reasons.isEmpty ? row.note : reasons.uniqued(by: { $0 }).joined(separator: "; ")))
    case .needsEvidence:
      outcome = .skipped("needs evidence: " + row.note)
    case .notApplicable:
      outcome = .skipped("not applicable: " + row.note)
    case .noRule:
      outcome = .skipped("no rule: " + row.note)
    }
    return TestCase(name: name, classname: "vibe-rules." + suite, outcome: outcome)
  }

  public var tests: Int { suites.map(\.cases.count).reduce(0, +) }
  public var failures: Int { suites.map(\.failures).reduce(0, +) }
  public var skipped: Int { suites.map(\.skipped).reduce(0, +) }
  public var errors: Int { suites.map(\.errors).reduce(0, +) }

  /// The XML document (UTF-8, ending in a newline).
  public func rendered() -> String {
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"vibe-rules\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
    for (index, suite) in suites.enumerated() {
      xml += "  <testsuite name=\(Self.attribute(suite.name)) id=\"\(index)\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\">\n"
      for testCase in suite.cases {
        let open = "    <testcase name=\(Self.attribute(testCase.name)) classname=\(Self.attribute(testCase.classname))"
        switch testCase.outcome {
        case .passed(let output) where output.isEmpty:
          xml += open + "/>\n"
        case .passed(let output):
          xml += open + ">\n      <system-out>\(Self.text(output.joined(separator: "\n")))</system-out>\n    </testcase>\n"
        case .failed(let message, let type, let details):
          xml += open + ">\n      <failure message=\(Self.attribute(message)) type=\(Self.attribute(type))>\(Self.text(details.joined(separator: "\n")))</failure>\n    </testcase>\n"
        case .skipped(let reason):
          xml += open + ">\n      <skipped message=\(Self.attribute(reason))/>\n    </testcase>\n"
        case .errored(let message, let type):
          xml += open + ">\n      <error message=\(Self.attribute(message)) type=\(Self.attribute(type))/>\n    </testcase>\n"
        }
      }
      xml += "  </testsuite>\n"
    }
    xml += "</testsuites>\n"
    return xml
  }

  /// A quoted attribute value: markup characters escaped, line breaks and tabs kept as
  /// character references, characters XML 1.0 forbids dropped.
  static func attribute(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars where allowed(scalar) {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Element text: markup characters escaped, characters XML 1.0 forbids dropped.
  static func text(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars where allowed(scalar) {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 up, less the
  /// surrogates (which Swift scalars never are) and U+FFFE/U+FFFF.
  /// Reference: https://www.w3.org/TR/xml/#charsets
  static func allowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }
}

extension String {
  fileprivate var trimmingTrailingSpace: String {
    String(self[..<(lastIndex(where: { $0 != " " }).map { index(after: $0) } ?? startIndex)])
  }
}

import Diagnostics
import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// Requirement values are data: changing one value in a copy of REQUIREMENTS.md changes
/// the verdict of the rules that read it and of no other rule.
@Suite struct RequirementValueTests {
  struct ValueCase: Sendable, CustomTestStringConvertible {
    var requirement: RequirementID
    var key: String
    var line: Int
    var kind: RequirementValueKind
    var written: String
    var testDescription: String { "\(requirement) \(key): \(written)" }
  }

  static let cases: [ValueCase] = RequirementCatalogue.builtIn.requirements.flatMap { requirement in
    requirement.values.values.sorted { $0.key < $1.key }.map { value in
      ValueCase(requirement: requirement.id, key: value.key, line: value.location.line,
                kind: RequirementValueKind.keys[value.key]!, written: value.written)
    }
  }

  /// Other values of the same kind to try: at least one must change a verdict.
  static func candidates(_ value: ValueCase) -> [String] {
    let number = Double(value.written.prefix { $0.isNumber || $0 == "." }) ?? 0
    let unit = value.written.drop { $0.isNumber || $0 == "." }.trimmingCharacters(in: .whitespaces)
    func scaled(_ factor: Double, _ offset: Double) -> String {
      let result = max(1, (number * factor + offset).rounded(.down))
      let text = String(Int(result))
      return unit.isEmpty ? text : "\(text) \(unit)"
    }
    switch value.kind {
    case .text: return [value.written + "x"]
    case .list:
      let items = value.written.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      return [(items + ["extra"]).joined(separator: ", "), items.dropLast().joined(separator: ", ")].filter { !$0.isEmpty }
    case .version: return ["9.0", "0.1"]
    case .money: return ["1 USD", "100000 USD"]
    default: return [scaled(1, 1), scaled(2, 0), scaled(0.5, 0)].filter { $0 != value.written }
    }
  }

  /// Per rule: its verdict in every env (status and finding messages).
  static func verdicts(_ project: Project, reads: ValueReads? = nil) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for item in RuleEngine.run(RuleCatalog.all, on: project, recording: reads) {
      result[item.rule.id, default: []].append("\(item.environment ?? "-") \(item.verdict.status.rawValue) \(item.verdict.findings.map(\.message).sorted())")
    }
    return result
  }

  static let baseline: (verdicts: [String: [String]], reads: ValueReads) = {
    let reads = ValueReads()
    let workspace = try! Workspace()
    defer { workspace.remove() }
    let project = try! workspace.load()
    return (verdicts(project, reads: reads), reads)
  }()

  @Test("a changed value changes exactly the verdicts of the rules that read it", arguments: cases)
  func changedValue(_ value: ValueCase) throws {
    let readers = Self.baseline.reads.rules(reading: value.key, of: value.requirement)
    var changedAny: Set<String> = []
    for candidate in Self.candidates(value) {
      let workspace = try Workspace()
      defer { workspace.remove() }
      let file = workspace.directory.appendingPathComponent("REQUIREMENTS.md")
      var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
      let original = lines[value.line - 1]
      let indent = original.prefix { $0 == " " }
      lines[value.line - 1] = "\(indent)\(value.key): \(candidate)"
      try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
      let changed = Self.verdicts(try workspace.load()).filter { Self.baseline.verdicts[$0.key] != $0.value }.map(\.key)
      #expect(Set(changed).isSubset(of: readers), "\(value.key)=\(candidate) changed \(Set(changed).subtracting(readers).sorted()), which do not read it (readers: \(readers.sorted()))")
      changedAny.formUnion(changed)
    }
    let evidenceOnly = !readers.isEmpty && readers.allSatisfy { id in RuleCatalog.rule(id)?.definition.kind == .evidence || RuleCatalog.rule(id)?.definition.kind == .computed }
    #expect(!changedAny.isEmpty || evidenceOnly, "no candidate value of \(value.requirement) \(value.key) changed any verdict (readers: \(readers.sorted()))")
  }

  @Test("a value of the wrong unit is an input error at its line", arguments: [
    ("retention: 7 days", "retention: 7 weeks", "retention: \"7 weeks\" is not a number of days (7 days)"),
    ("container-port: 8501", "container-port: 70000", "container-port: \"70000\" is not a port number from 1 to 65535 (8501)"),
    ("cpu: 512 units", "cpu: half", "cpu: \"half\" is not CPU units or vCPU (512 units, 0.5 vCPU)"),
    ("log-group: /ecs/vibejudge-dashboard\n```\n", "log-groups: /ecs/x\n```\n", "unknown value key \"log-groups\""),
  ])
  func wrongUnit(_ find: String, _ replacement: String, _ message: String) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.requirements, find, replacement))
    let error = try #require(throws: InputError.self) { try workspace.load() }
    #expect(error.message.hasPrefix(message))
    #expect(error.location?.file == "REQUIREMENTS.md")
    #expect((error.location?.line ?? 0) > 1)
  }
}

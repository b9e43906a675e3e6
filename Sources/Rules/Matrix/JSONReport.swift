import Diagnostics
import Foundation
import Requirements
import TemplateModel

/// The matrix as one JSON object (schema: `schemas/report.schema.json`, version 1).
///
/// `requirements`: one entry per matrix row (`environment` null when every env agrees);
/// `findings`: every failing or warning finding once; `summary`: row counts by status.
public struct JSONReport: Encodable, Sendable {
  public static let schemaVersion = 1

  struct Location: Encodable {
    var file: String
    var line: Int
    var column: Int
    init(_ location: SourceLocation) {
      file = location.file
      line = location.line
      column = location.column
    }
  }

  struct Related: Encodable {
    var file: String
    var line: Int
    var column: Int
    var message: String
  }

  struct FindingEntry: Encodable {
    var rule: String
    var requirements: [String]
    var severity: String
    var environment: String?
    var file: String
    var line: Int
    var column: Int
    var message: String
    var path: String?
    var related: [Related]

    init(_ finding: Finding) {
      rule = finding.ruleID
      requirements = finding.requirements.map(\.description)
      severity = finding.severity.rawValue
      environment = finding.environment
      file = finding.location.file
      line = finding.location.line
      column = finding.location.column
      message = finding.message
      path = finding.path
      related = finding.related.map { Related(file: $0.location.file, line: $0.location.line, column: $0.location.column, message: $0.message) }
    }

    enum CodingKeys: String, CodingKey { case rule, requirements, severity, environment, file, line, column, message, path, related }
    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(rule, forKey: .rule)
      try container.encode(requirements, forKey: .requirements)
      try container.encode(severity, forKey: .severity)
      try container.encode(environment, forKey: .environment)
      try container.encode(file, forKey: .file)
      try container.encode(line, forKey: .line)
      try container.encode(column, forKey: .column)
      try container.encode(message, forKey: .message)
      try container.encode(path, forKey: .path)
      try container.encode(related, forKey: .related)
    }
  }

  struct WaivedEntry: Encodable {
    var finding: FindingEntry
    var reason: String
    var expires: String?
    var waiver: Location
  }

  struct RequirementEntry: Encodable {
    var id: String
    var title: String
    var kind: String
    var environment: String?
    var status: String
    var note: String
    var rules: [String]
    var evidence: [Location]
    var findings: [FindingEntry]
    var waived: [WaivedEntry]

    enum CodingKeys: String, CodingKey { case id, title, kind, environment, status, note, rules, evidence, findings, waived }
    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encode(kind, forKey: .kind)
      try container.encode(environment, forKey: .environment)
      try container.encode(status, forKey: .status)
      try container.encode(note, forKey: .note)
      try container.encode(rules, forKey: .rules)
      try container.encode(evidence, forKey: .evidence)
      try container.encode(findings, forKey: .findings)
      try container.encode(waived, forKey: .waived)
    }
  }

  var schemaVersion: Int
  var tool: [String: String]
  var catalogue: String
  var environments: [String]
  /// Per config env, what the template was evaluated with (`ScenarioEntry`).
  var scenarios: [ScenarioEntry]
  var requirements: [RequirementEntry]
  var findings: [FindingEntry]
  var summary: [String: Int]
  var compliant: Bool

  /// - Parameters:
  ///   - selected: the findings for the top-level `findings` list (default: every
  ///     failing and warning finding of the matrix); `check` passes the ones it selected.
  ///   - scenarios: each evaluated config env's scenario, and the template they
  ///     evaluated (for its parameters' `NoEcho`).
  public init(_ matrix: RequirementMatrix, version: String, selected: [Finding]? = nil, scenarios: [Scenario] = [], template: Template? = nil) {
    schemaVersion = Self.schemaVersion
    tool = ["name": "vibe-rules", "version": version]
    catalogue = matrix.catalogueSource
    environments = matrix.environments
    self.scenarios = scenarios.map { ScenarioEntry($0, template: template) }
    requirements = matrix.rows.map { row in
      RequirementEntry(
        id: row.requirement.id.description, title: row.requirement.title, kind: row.requirement.kind.rawValue,
        environment: row.environment, status: row.status.rawValue, note: row.note, rules: row.rules,
        evidence: row.evidence.map(Location.init), findings: row.findings.map(FindingEntry.init),
        waived: row.waived.map { WaivedEntry(finding: FindingEntry($0.finding), reason: $0.waiver.reason, expires: $0.waiver.expires, waiver: Location($0.waiver.location)) })
    }
    findings = (selected ?? matrix.findings).map(FindingEntry.init)
    let counts = matrix.summary
    summary = Dictionary(uniqueKeysWithValues: RequirementMatrix.Status.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    compliant = matrix.isCompliant
  }

  /// Pretty-printed JSON with sorted keys, ending in a newline.
  public func rendered() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

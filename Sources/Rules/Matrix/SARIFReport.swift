import Diagnostics
import Foundation
import ProjectModel

/// The matrix's findings as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF
/// viewers: one `reportingDescriptor` (rule) per vibe-rules rule, one `result` per
/// finding (the same fault in several config envs is one result listing them).
///
/// - A result has `level` `error` or `warning`, the message with its requirements, one
///   physical location (`uri` relative to the checked root with `uriBaseId` `%SRCROOT%`,
///   `region` with `startLine`/`startColumn`), the finding's logical path as a logical
///   location, the other places of a cross-file finding as `relatedLocations`, and a
///   `partialFingerprints` entry built from rule, file and logical path (the baseline key),
///   the requirements and the config envs: one value that breaks two requirements is two
///   results, which code scanning must not merge into one alert (it merges results of
///   equal fingerprints; `/v1` left the requirements out).
/// - Waived findings stay, with a `suppression` (`inSource` for template and Dockerfile
///   waivers, `external` for `.vibe-rules.yaml`) whose justification is the reason.
/// - Columns count Unicode scalars (`columnKind` `unicodeCodePoints`).
///
/// References: SARIF 2.1.0 (OASIS Standard with Errata 01),
/// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html;
/// "SARIF support for code scanning", GitHub Docs,
/// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
public struct SARIFReport: Sendable {
  public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  public static let fingerprintKey = "vibeRulesFinding/v2"

  public var log: Log

  /// - Parameters:
  ///   - rules: the rule catalogue (default: every vibe-rules rule).
  ///   - configuration: `.vibe-rules.yaml`, whose rule settings become each rule's
  ///     default configuration (`enabled`, `level`).
  ///   - selecting: when given (`check`), only the failing and warning findings it
  ///     accepts become results, and waived findings are left out.
  public init(
    _ matrix: RequirementMatrix, version: String, rules: [RuleDefinition] = RuleCatalog.all.map(\.definition),
    configuration: VibeRulesConfiguration? = nil, selecting: (@Sendable (Finding) -> Bool)? = nil
  ) {
    let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let descriptors = rules.map { Self.descriptor($0, setting: configuration?.setting(ofRule: $0.id)) }
    var results = matrix.reportedFindings.filter { selecting?($0.finding) ?? true }.map { Self.result($0, index: index, environments: matrix.environments) }
    if selecting == nil {
      results += matrix.waivedFindings.map { Self.result($0, index: index, environments: matrix.environments) }
    }
    let driver = ToolComponent(name: "vibe-rules", version: version, semanticVersion: version, rules: descriptors)
    log = Log(schema: Self.schemaURI, version: "2.1.0", runs: [Run(tool: Tool(driver: driver), results: results, columnKind: "unicodeCodePoints")])
  }

  /// Pretty-printed JSON with sorted keys, ending in a newline.
  public func rendered() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(log) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  // MARK: - Building

  static func descriptor(_ rule: RuleDefinition, setting: RuleSetting?) -> ReportingDescriptor {
    var help = "\(rule.rationale)\n\nRequirements: \(rule.requirements.map(\.description).joined(separator: ", "))."
    var markdown = "\(rule.rationale)\n\n**Requirements:** \(rule.requirements.map(\.description).joined(separator: ", "))"
    let examples = rule.examples.filter { !$0.edits.isEmpty }
    if !examples.isEmpty {
      help += "\n\nExamples (changes to a compliant repository):"
      markdown += "\n\n**Examples** (changes to a compliant repository):\n"
      for example in examples {
        help += "\n- \(example.expected.rawValue): \(example.summary)"
        markdown += "\n- *\(example.expected.rawValue)*: \(example.summary)"
      }
    }
    if !rule.sources.isEmpty {
      help += "\n\nSources:\n" + rule.sources.map { "- \($0)" }.joined(separator: "\n")
      markdown += "\n\n**Sources:**\n" + rule.sources.map { "- <\($0)>" }.joined(separator: "\n")
    }
    help += "\n\nMore: vibe-rules explain \(rule.id)"
    markdown += "\n\nMore: `vibe-rules explain \(rule.id)`"
    let configuration = ReportingConfiguration(enabled: setting != .off, level: setting == .warning ? "warning" : "error")
    let tags = ["vibe-rules", rule.kind.rawValue] + rule.requirements.map { "requirement-\($0)" }
    return ReportingDescriptor(
      id: rule.id, shortDescription: Message(text: rule.title), fullDescription: Message(text: rule.rationale),
      help: MultiformatMessage(text: help, markdown: markdown), defaultConfiguration: configuration,
      properties: RuleProperties(requirements: rule.requirements.map(\.description), tags: tags, kind: rule.kind.rawValue, scope: rule.scope.rawValue, sources: rule.sources))
  }

  static func result(_ entry: ReportedFinding, index: [String: Int], environments: [String]) -> Result {
    let finding = entry.finding
    let logical = finding.path.map { [LogicalLocation(fullyQualifiedName: $0, kind: "value")] }
    let location = Location(physicalLocation: physical(finding.location), logicalLocations: logical)
    let related = finding.related.enumerated().map { offset, item in
      Location(id: offset + 1, physicalLocation: physical(item.location), message: Message(text: item.message))
    }
    let key = entry.baselineKey
    let fingerprint = [key.rule, key.file, key.path ?? key.message ?? "", finding.requirements.map(\.description).joined(separator: ",")].joined(separator: "|")
      + (entry.environments.isEmpty ? "" : "|" + entry.environments.joined(separator: ","))
    let suppressions = entry.waiver.map { waiver in
      [Suppression(
        kind: waiver.coversEveryFile ? "external" : "inSource", status: "accepted",
        justification: waiver.reason + (waiver.expires.map { " (expires \($0))" } ?? ""), location: Location(physicalLocation: physical(waiver.location)))]
    }
    return Result(
      ruleId: finding.ruleID, ruleIndex: index[finding.ruleID], level: finding.severity == .error ? "error" : "warning",
      message: Message(text: "\(finding.message) (\(entry.context(allEnvironments: environments)))"),
      locations: [location], relatedLocations: related.isEmpty ? nil : related,
      partialFingerprints: [fingerprintKey: fingerprint], suppressions: suppressions,
      properties: ResultProperties(requirements: finding.requirements.map(\.description), environments: entry.environments, logicalPath: finding.path))
  }

  /// A file as SARIF names it: a relative URI reference against `%SRCROOT%` (the
  /// checked root), or a `file:` URI for a file outside it; percent-encoded either way.
  static func physical(_ location: SourceLocation) -> PhysicalLocation {
    let encoded = location.file.addingPercentEncoding(withAllowedCharacters: uriPathCharacters) ?? location.file
    let artifact = location.file.hasPrefix("/")
      ? ArtifactLocation(uri: "file://" + encoded, uriBaseId: nil)
      : ArtifactLocation(uri: encoded, uriBaseId: "%SRCROOT%")
    return PhysicalLocation(artifactLocation: artifact, region: Region(startLine: max(location.line, 1), startColumn: max(location.column, 1)))
  }

  /// RFC 3986 path characters (unreserved, sub-delims, `:`, `@`, `/`).
  static let uriPathCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")

  // MARK: - SARIF objects (the subset vibe-rules writes)

  public struct Log: Encodable, Sendable {
    var schema: String
    var version: String
    var runs: [Run]
    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
  }

  struct Run: Encodable, Sendable {
    var tool: Tool
    var results: [Result]
    var columnKind: String
    /// Written only for a run that could not check the files (`failedRun`).
    var invocations: [Invocation]? = nil
  }

  /// How the run went: written when it ended on an input error, which it carries as a
  /// tool execution notification.
  struct Invocation: Encodable, Sendable {
    var executionSuccessful: Bool
    var exitCode: Int
    var toolExecutionNotifications: [Notification]
  }

  struct Notification: Encodable, Sendable {
    var level: String
    var message: Message
    var locations: [Location]?
  }

  struct Tool: Encodable, Sendable { var driver: ToolComponent }

  struct ToolComponent: Encodable, Sendable {
    var name: String
    var version: String
    var semanticVersion: String
    var rules: [ReportingDescriptor]
  }

  struct ReportingDescriptor: Encodable, Sendable {
    var id: String
    var shortDescription: Message
    var fullDescription: Message
    var help: MultiformatMessage
    var defaultConfiguration: ReportingConfiguration
    var properties: RuleProperties
  }

  struct ReportingConfiguration: Encodable, Sendable {
    var enabled: Bool
    var level: String
  }

  struct RuleProperties: Encodable, Sendable {
    var requirements: [String]
    var tags: [String]
    var kind: String
    var scope: String
    var sources: [String]
  }

  struct Message: Encodable, Sendable { var text: String }

  struct MultiformatMessage: Encodable, Sendable {
    var text: String
    var markdown: String
  }

  struct Result: Encodable, Sendable {
    var ruleId: String
    var ruleIndex: Int?
    var level: String
    var message: Message
    var locations: [Location]
    var relatedLocations: [Location]?
    var partialFingerprints: [String: String]
    var suppressions: [Suppression]?
    var properties: ResultProperties
  }

  struct ResultProperties: Encodable, Sendable {
    var requirements: [String]
    var environments: [String]
    var logicalPath: String?
  }

  struct Location: Encodable, Sendable {
    var id: Int?
    var physicalLocation: PhysicalLocation
    var logicalLocations: [LogicalLocation]?
    var message: Message?
  }

  struct PhysicalLocation: Encodable, Sendable {
    var artifactLocation: ArtifactLocation
    var region: Region
  }

  struct ArtifactLocation: Encodable, Sendable {
    var uri: String
    var uriBaseId: String?
  }

  struct Region: Encodable, Sendable {
    var startLine: Int
    var startColumn: Int
  }

  struct LogicalLocation: Encodable, Sendable {
    var fullyQualifiedName: String
    var kind: String
  }

  struct Suppression: Encodable, Sendable {
    var kind: String
    var status: String
    var justification: String
    var location: Location
  }
}

extension SARIFReport.Location {
  init(physicalLocation: SARIFReport.PhysicalLocation, logicalLocations: [SARIFReport.LogicalLocation]? = nil) {
    self.init(id: nil, physicalLocation: physicalLocation, logicalLocations: logicalLocations, message: nil)
  }

  init(id: Int, physicalLocation: SARIFReport.PhysicalLocation, message: SARIFReport.Message) {
    self.init(id: id, physicalLocation: physicalLocation, logicalLocations: nil, message: message)
  }
}

import Diagnostics
import ProjectModel
import Requirements

/// One finding as the reports show it: the same fault found in several config envs is
/// one entry that lists them (the matrix keeps one finding per env).
public struct ReportedFinding: Sendable {
  /// The finding (of the first env it was found in).
  public var finding: Finding
  /// The config envs it holds in, in matrix order; empty for a repository-wide finding.
  public var environments: [String]
  /// For an accepted finding: the waiver that accepts it.
  public var waiver: Waiver?

  /// `requirement 8.2` or `requirements 4.4, 9.1`, then `env prod` when the finding
  /// holds in some evaluated envs only.
  public func context(allEnvironments: [String]) -> String {
    var parts = ["requirement" + (finding.requirements.count > 1 ? "s " : " ") + finding.requirements.map(\.description).joined(separator: ", ")]
    if !environments.isEmpty && Set(environments) != Set(allEnvironments) {
      parts.append("env " + environments.joined(separator: ", "))
    }
    return parts.joined(separator: ", ")
  }

  /// The one-line diagnostic editors and pre-commit read:
  /// `file:line:column: error|warning: [rule-id] message (requirement 8.2, env prod)`,
  /// with the other places of a cross-file finding after `see`.
  public func line(allEnvironments: [String]) -> String {
    var context = context(allEnvironments: allEnvironments)
    if !finding.related.isEmpty {
      context += "; see " + finding.related.map { "\($0.location) (\($0.message))" }.joined(separator: ", ")
    }
    return "\(finding.location): \(finding.severity.rawValue): [\(finding.ruleID)] \(finding.message) (\(context))"
  }

  /// Whether the finding is located in, or points at, one of `files` (paths as
  /// diagnostics print them, relative to the root).
  public func touches(_ files: Set<String>) -> Bool {
    files.contains(finding.location.file) || finding.related.contains { files.contains($0.location.file) }
  }

  /// What a baseline remembers of the finding, stable when lines move: rule, file and
  /// the logical path of the offending value; the message where the rule gives no path.
  public var baselineKey: BaselineKey {
    BaselineKey(rule: finding.ruleID, file: finding.location.file, path: finding.path, message: finding.path == nil ? finding.message : nil)
  }
}

/// The identity of a finding in a baseline file.
public struct BaselineKey: Hashable, Sendable, Codable, Comparable {
  public var rule: String
  public var file: String
  /// The logical path (`Resources/TaskSecurityGroup/Properties/SecurityGroupIngress/0`).
  public var path: String?
  /// For findings without a path: the message (which may name values that change).
  public var message: String?

  public init(rule: String, file: String, path: String?, message: String?) {
    self.rule = rule
    self.file = file
    self.path = path
    self.message = message
  }

  public static func < (lhs: BaselineKey, rhs: BaselineKey) -> Bool {
    (lhs.rule, lhs.file, lhs.path ?? "", lhs.message ?? "") < (rhs.rule, rhs.file, rhs.path ?? "", rhs.message ?? "")
  }
}

extension RequirementMatrix {
  /// Failing and warning findings, once each (envs merged), in row order.
  public var reportedFindings: [ReportedFinding] {
    Self.merge(rows.flatMap(\.findings).map { ($0, nil) })
  }

  /// Findings waivers accept, once each (envs merged), with their waiver.
  public var waivedFindings: [ReportedFinding] {
    Self.merge(rows.flatMap(\.waived).map { ($0.finding, $0.waiver) })
  }

  private static func merge(_ findings: [(Finding, Waiver?)]) -> [ReportedFinding] {
    struct Key: Hashable {
      var rule: String
      var location: SourceLocation
      var message: String
      var severity: Finding.Severity
    }
    var order: [Key] = []
    var merged: [Key: ReportedFinding] = [:]
    for (finding, waiver) in findings {
      let key = Key(rule: finding.ruleID, location: finding.location, message: finding.message, severity: finding.severity)
      if merged[key] == nil {
        order.append(key)
        merged[key] = ReportedFinding(finding: finding, environments: [], waiver: waiver)
      }
      if let environment = finding.environment, !merged[key]!.environments.contains(environment) {
        merged[key]!.environments.append(environment)
      }
    }
    return order.map { merged[$0]! }
  }
}

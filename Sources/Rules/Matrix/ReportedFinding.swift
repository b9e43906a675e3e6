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
  /// with the places of a cross-file finding in other files after `see` (they are why
  /// `check --changed` selects it).
  public func line(allEnvironments: [String]) -> String {
    var context = context(allEnvironments: allEnvironments)
    let elsewhere = finding.related.filter { $0.location.file != finding.location.file }
    if !elsewhere.isEmpty {
      context += "; see " + elsewhere.map { "\($0.location) (\($0.message))" }.joined(separator: ", ")
    }
    return "\(finding.location): \(finding.severity.rawValue): [\(finding.ruleID)] \(finding.message) (\(context))".foldingLineBreaks
  }

  /// Whether the finding is located in, or points at, one of `files`.
  public func touches(_ files: Set<String>) -> Bool { finding.touches(files) }

  /// What a baseline remembers of the finding.
  public var baselineKey: BaselineKey { finding.baselineKey }
}

extension Finding {
  /// Whether the finding is located in, or points at (a related location of a cross-file
  /// finding), one of `files` (paths as diagnostics print them, relative to the root).
  public func touches(_ files: Set<String>) -> Bool {
    files.contains(location.file) || related.contains { files.contains($0.location.file) }
  }

  /// What a baseline remembers of the finding, stable when lines move: rule, file and
  /// the logical path of the offending value; the message where the rule gives no path.
  public var baselineKey: BaselineKey {
    BaselineKey(rule: ruleID, file: location.file, path: path, message: path == nil ? message : nil)
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
    merge(rows.flatMap { row in row.findings.map { (row, $0, nil) } })
  }

  /// Findings waivers accept, once each (envs merged), with their waiver.
  public var waivedFindings: [ReportedFinding] {
    merge(rows.flatMap { row in row.waived.map { (row, $0.finding, $0.waiver) } })
  }

  /// A row that holds for every env keeps one env's copy of each finding (the envs
  /// agreed on them): such a finding holds in every env.
  private func merge(_ findings: [(Row, Finding, Waiver?)]) -> [ReportedFinding] {
    struct Key: Hashable {
      var rule: String
      var location: SourceLocation
      var message: String
      var severity: Finding.Severity
    }
    var order: [Key] = []
    var merged: [Key: ReportedFinding] = [:]
    for (row, finding, waiver) in findings {
      let key = Key(rule: finding.ruleID, location: finding.location, message: finding.message, severity: finding.severity)
      if merged[key] == nil {
        order.append(key)
        merged[key] = ReportedFinding(finding: finding, environments: [], waiver: waiver)
      }
      let holds = finding.environment == nil ? [] : row.environment.map { [$0] } ?? environments
      for environment in holds where !merged[key]!.environments.contains(environment) {
        merged[key]!.environments.append(environment)
      }
    }
    return order.map { key in
      var entry = merged[key]!
      entry.environments.sort { (environments.firstIndex(of: $0) ?? .max) < (environments.firstIndex(of: $1) ?? .max) }
      return entry
    }
  }
}

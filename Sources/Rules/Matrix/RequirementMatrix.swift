import Diagnostics
import ProjectModel
import Requirements

/// The requirement matrix: one row per requirement of the catalogue, or one per config
/// env where the envs disagree ("fails in prod, passes in dev"). Every requirement of
/// the catalogue has a row; one without a rule says `no-rule`.
public struct RequirementMatrix: Sendable {
  public enum Status: String, Sendable, Codable, CaseIterable {
    case pass, fail, warn
    case needsEvidence = "needs-evidence"
    case notApplicable = "not-applicable"
    case waived
    case noRule = "no-rule"
  }

  public struct Row: Sendable {
    public var requirement: Requirement
    /// The config env this row is about; nil when every env agrees (or none applies).
    public var environment: String?
    public var status: Status
    /// Failing and warning findings behind the status.
    public var findings: [Finding]
    /// What decided the row: what was checked for a pass, why for not-applicable and
    /// needs-evidence.
    public var note: String
    /// Rules that evaluated this requirement.
    public var rules: [String]
    /// Where the deciding facts are.
    public var evidence: [SourceLocation]
    /// Findings a waiver accepts, with the waiver (they stay visible as `waived`).
    public var waived: [WaivedFinding]
  }

  public var rows: [Row]
  /// The config envs evaluated.
  public var environments: [String]
  /// Where the catalogue came from (`REQUIREMENTS.md` or the built-in one).
  public var catalogueSource: String

  /// A finding a waiver accepts.
  public struct WaivedFinding: Sendable {
    public var finding: Finding
    public var waiver: Waiver
  }

  public init(catalogue: RequirementCatalogue, results: [RuleResult], environments: [String], waivers: [Waiver] = [], today: String = "9999-12-31") {
    self.environments = environments
    self.catalogueSource = catalogue.source
    var byRequirement: [RequirementID: [RuleResult]] = [:]
    for result in results {
      for id in result.rule.requirements { byRequirement[id, default: []].append(result) }
    }
    // Each requirement's rows on every core: the rows are built on the one thread that
    // runs after the rules (4.3 M instructions for this repository's 78 requirements).
    rows = catalogue.requirements.concurrentMap { [byRequirement] requirement in
      Self.rows(for: requirement, results: byRequirement[requirement.id] ?? [], environments: environments, waivers: requirement.isWaivable ? waivers : [], today: today)
    }.flatMap { $0 }
  }

  /// Every failing or warning finding, once each, in row order.
  public var findings: [Finding] {
    var seen = Set<Finding>()
    return rows.flatMap(\.findings).filter { seen.insert($0).inserted }
  }

  /// Row counts by status.
  public var summary: [Status: Int] {
    Dictionary(grouping: rows, by: \.status).mapValues(\.count)
  }

  /// True when no row fails.
  public var isCompliant: Bool { !rows.contains { $0.status == .fail } }

  private static func rows(for requirement: Requirement, results: [RuleResult], environments: [String], waivers: [Waiver], today: String) -> [Row] {
    guard !results.isEmpty else {
      return [Row(requirement: requirement, environment: nil, status: .noRule, findings: [], note: "no rule checks this requirement yet", rules: [], evidence: [], waived: [])]
    }
    let shared = results.filter { $0.environment == nil }
    let names = environments.isEmpty ? [nil] : environments.map(Optional.some)
    let perEnvironment = names.map { name in
      row(requirement, name, shared + results.filter { $0.environment != nil && $0.environment == name }, waivers: waivers, today: today)
    }
    let first = perEnvironment[0]
    let agree = perEnvironment.allSatisfy {
      $0.status == first.status && $0.findings.map(\.message) == first.findings.map(\.message)
        && $0.waived.map(\.finding.message) == first.waived.map(\.finding.message)
    }
    if agree {
      var merged = first
      merged.environment = nil
      // The same findings in every env: they hold in all of them.
      merged.findings = perEnvironment.flatMap(\.findings).uniqued(by: \.message).map { finding in
        var shared = finding
        if environments.count > 1 { shared.environment = nil }
        return shared
      }
      merged.waived = perEnvironment.flatMap(\.waived).uniqued(by: \.finding.message)
      // Same verdict, different reasons ("env dev is not production" / "env prod
      // confirms its change sets"): the row says each env's reason, not only the first's.
      if Set(perEnvironment.map(\.note)).count > 1 {
        merged.note = zip(names, perEnvironment).map { name, row in "\(name ?? "all"): \(row.note)" }.joined(separator: "; ")
        merged.evidence = perEnvironment.flatMap(\.evidence).uniqued(by: { $0 })
      }
      return [merged]
    }
    return perEnvironment
  }

  private static func row(_ requirement: Requirement, _ environment: String?, _ allResults: [RuleResult], waivers: [Waiver], today: String) -> Row {
    var waived: [WaivedFinding] = []
    let results = allResults.map { result in
      var projected = result
      projected.verdict = result.verdict(for: requirement.id)
      guard projected.verdict.status == .fail || projected.verdict.status == .warn else { return projected }
      var active: [Finding] = []
      for var finding in projected.verdict.findings {
        let covering = waivers.filter { $0.covers(rule: finding.ruleID, requirements: finding.requirements, at: finding.location, environment: finding.environment) }
        if let waiver = covering.first(where: { !$0.isExpired(on: today) }) {
          waived.append(WaivedFinding(finding: finding, waiver: waiver))
        } else {
          if let expired = covering.first {
            finding.message += " (the waiver at \(expired.location) expired on \(expired.expires ?? ""))"
          }
          active.append(finding)
        }
      }
      if active.isEmpty {
        projected.verdict = .pass(projected.verdict.passNote)
        projected.verdict.status = .pass
        projected.isWaived = true
      } else {
        projected.verdict = Verdict(findings: active, passNote: projected.verdict.passNote, evidence: projected.verdict.evidence)
      }
      return projected
    }
    let worst = results.map(\.verdict.status).max() ?? .notApplicable
    var status: Status = switch worst {
    case .pass: .pass
    case .fail: .fail
    case .warn: .warn
    case .needsEvidence: .needsEvidence
    case .notApplicable: .notApplicable
    }
    if (status == .pass || status == .notApplicable) && !waived.isEmpty { status = .waived }
    let deciding = results.filter { $0.verdict.status == worst && !$0.isWaived }
    let findings = worst == .fail || worst == .warn ? results.flatMap(\.verdict.findings) : []
    var note = deciding.map(\.verdict.note).filter { !$0.isEmpty }.uniqued(by: { $0 }).joined(separator: "; ")
    // Rules that pass decide only their part: another rule of the requirement that could
    // not run for want of an artifact leaves the rest unchecked.
    let unchecked = results.filter(\.verdict.lacksArtifact)
    if status == .pass, !unchecked.isEmpty {
      status = .needsEvidence
      let reasons = unchecked.map(\.verdict.note).uniqued(by: { $0 })
      let missing = reasons.map { reason in
        let rules = unchecked.filter { $0.verdict.note == reason }.map(\.rule.id).uniqued(by: { $0 })
        return "\(rules.joined(separator: ", ")), which \(rules.count == 1 ? "needs" : "need") what is absent: \(reason)"
      }
      note = "\(note.isEmpty ? "" : note + "; ")not checked: \(missing.joined(separator: "; "))"
    }
    if status == .waived {
      note = "waived: " + waived.map(\.waiver.reason).uniqued(by: { $0 }).joined(separator: "; ")
    }
    return Row(
      requirement: requirement, environment: environment, status: status, findings: findings, note: note,
      rules: results.map(\.rule.id).uniqued(by: { $0 }), evidence: deciding.flatMap(\.verdict.evidence), waived: waived)
  }
}

extension Array {
  func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
    var seen = Set<Key>()
    return filter { seen.insert(key($0)).inserted }
  }
}

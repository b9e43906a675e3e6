import Diagnostics

/// What one rule concluded, for one config env (or for all, when it does not depend on one).
public struct Verdict: Sendable {
  public enum Status: String, Sendable, Codable, Comparable, CaseIterable {
    case pass
    case warn
    case notApplicable = "not-applicable"
    case needsEvidence = "needs-evidence"
    case fail

    /// How much a status weighs when several rules decide one requirement: the heaviest wins.
    var weight: Int {
      switch self {
      case .notApplicable: 0
      case .pass: 1
      case .warn: 2
      case .needsEvidence: 3
      case .fail: 4
      }
    }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.weight < rhs.weight }
  }

  public var status: Status
  public var findings: [Finding]
  /// For pass: what was checked and found ("ContainerPort 8501"); for not-applicable and
  /// needs-evidence: why, and what evidence would decide it.
  public var note: String
  /// Where the deciding facts are (for pass: the values that satisfy the requirement).
  public var evidence: [SourceLocation]
  /// What the rule reports when it passes (kept on failing verdicts too, for the
  /// requirements of a multi-requirement rule that its findings do not name).
  public var passNote: String
  /// For a failing or warning verdict of a rule that decides several requirements: why
  /// the requirements its findings do not name cannot pass either (they become
  /// needs-evidence instead of passing; see `RuleResult.verdict(for:)`). Nil: they pass.
  public var undecidedNote: String?
  /// For not-applicable: the rule could not run because an artifact it reads is absent
  /// (`absent(_:)`), not because the requirement does not concern the repository.
  public var lacksArtifact = false

  init(status: Status, findings: [Finding], note: String, evidence: [SourceLocation], passNote: String = "") {
    self.status = status
    self.findings = findings
    self.note = note
    self.evidence = evidence
    self.passNote = status == .pass && passNote.isEmpty ? note : passNote
  }

  /// A verdict from findings: fail if any is an error, warn if only warnings, else pass.
  public init(findings: [Finding], passNote: @autoclosure () -> String, evidence: [SourceLocation] = []) {
    let status: Status = findings.contains { $0.severity == .error } ? .fail : findings.isEmpty ? .pass : .warn
    let note = passNote()
    self.init(status: status, findings: findings, note: status == .pass ? note : "", evidence: evidence, passNote: note)
  }

  public static func pass(_ note: String, evidence: [SourceLocation] = []) -> Verdict {
    Verdict(status: .pass, findings: [], note: note, evidence: evidence)
  }

  public static func fail(_ finding: Finding) -> Verdict {
    Verdict(status: .fail, findings: [finding], note: "", evidence: [])
  }

  public static func notApplicable(_ reason: String) -> Verdict {
    Verdict(status: .notApplicable, findings: [], note: reason, evidence: [])
  }

  /// The rule cannot run: an artifact it reads is absent (`reason`: "no Dockerfile at
  /// docker/Dockerfile"). Not applicable; but a requirement that its other rules pass is
  /// then needs-evidence, not pass (`RequirementMatrix`): part of it went unchecked.
  public static func absent(_ reason: String) -> Verdict {
    var verdict = Verdict.notApplicable(reason)
    verdict.lacksArtifact = true
    return verdict
  }

  /// Files cannot decide: `reason` says why and which evidence would (image metadata, a
  /// probe result, a cost figure). Never a pass.
  public static func needsEvidence(_ reason: String, evidence: [SourceLocation] = []) -> Verdict {
    Verdict(status: .needsEvidence, findings: [], note: reason, evidence: evidence)
  }

  /// The heaviest of several verdicts of one rule (several resources checked), findings joined.
  public static func combining(_ verdicts: [Verdict], passNote: String) -> Verdict {
    guard let worst = verdicts.map(\.status).max() else { return .notApplicable(passNote) }
    let notes = verdicts.filter { $0.status == worst }.map(\.note).filter { !$0.isEmpty }
    return Verdict(
      status: worst, findings: verdicts.flatMap(\.findings),
      note: worst == .pass ? (notes.isEmpty ? passNote : notes.joined(separator: "; ")) : notes.joined(separator: "; "),
      evidence: verdicts.flatMap(\.evidence), passNote: passNote)
  }
}

extension Verdict {
  /// The rule cannot run because a value it checks against is declared nowhere.
  public static func missingValue(_ key: String, of id: String) -> Verdict {
    .notApplicable("requirement \(id) declares no \"\(key)\" value (neither REQUIREMENTS.md nor the built-in catalogue)")
  }
}

import Diagnostics
import ProjectModel
import Requirements

/// Everything between a loaded project and its matrix, the same for every command:
/// waivers checked, rules run, `.vibe-rules.yaml` rule settings applied, the matrix built.
public enum ProjectEvaluation {
  /// The requirement matrix of `project` on `today` (`YYYY-MM-DD`, for waiver expiry).
  ///
  /// - Throws: `InputError` for a waiver naming an unknown or unwaivable id, or a
  ///   configuration naming an unknown rule.
  public static func matrix(for project: Project, today: String = WaiverCheck.today) throws(InputError) -> RequirementMatrix {
    // The rules run first (on every core), so the waiver check finds the rule definitions
    // it reads already built; its errors still come before the rule settings' errors.
    let evaluated = Result { () throws(InputError) in try Self.results(for: project) }
    if let configuration = project.configuration {
      for waiver in project.waivers {
        guard case .requirement(let id) = waiver.target, let entry = configuration.notWaivable.first(where: { $0.value == id }) else { continue }
        throw InputError("requirement \(id) is not waivable (not-waivable at \(entry.location))", at: waiver.location)
      }
    }
    try WaiverCheck.validate(
      project.waivers, catalogue: project.requirements,
      environments: project.samconfig?.environments.map(\.name) ?? project.environments.map(\.scenario.environment), fromSamconfig: project.samconfig != nil)
    let results = try evaluated.get()
    return RequirementMatrix(
      catalogue: project.requirements, results: results, environments: project.environments.map(\.scenario.environment),
      waivers: project.waivers, today: today)
  }

  /// Every rule's results, with the configuration's rule settings applied: a rule set
  /// `off` does not run, and its requirements are needs-evidence (the reason names the
  /// configuration line), never `pass` on the strength of the rules left on; to accept
  /// a requirement unchecked, waive it;
  /// `warning` or `error` sets the severity of every finding of the rule, and its verdict
  /// follows (a rule whose findings all become warnings warns instead of failing).
  public static func results(for project: Project) throws(InputError) -> [RuleResult] {
    guard let configuration = project.configuration, !configuration.rules.isEmpty else {
      return RuleEngine.run(RuleCatalog.all, on: project)
    }
    let known = Set(RuleCatalog.all.map(\.definition.id))
    for (id, setting) in configuration.rules.sorted(by: { $0.key < $1.key }) where !known.contains(id) {
      throw InputError("rules names \"\(id)\", which is not a rule id (see vibe-rules list)", at: setting.location)
    }
    let disabled = RuleCatalog.all.filter { configuration.setting(ofRule: $0.definition.id) == .off }
    let enabled = RuleCatalog.all.filter { configuration.setting(ofRule: $0.definition.id) != .off }
    var results = RuleEngine.run(enabled, on: project).map { result in
      guard let setting = configuration.rules[result.rule.id] else { return result }
      return overriding(result, severity: setting.value == .warning ? .warning : .error)
    }
    for rule in disabled where rule.definition.requirements.contains(where: { project.requirements[$0] != nil }) {
      let at = configuration.rules[rule.definition.id]!.location
      results.append(RuleResult(rule: rule.definition, environment: nil, verdict: .needsEvidence("rule \(rule.definition.id) is off in \(at): what it checks is left unchecked")))
    }
    return results
  }

  /// `result` with every finding at `severity`, its status recomputed from them.
  static func overriding(_ result: RuleResult, severity: Finding.Severity) -> RuleResult {
    guard !result.verdict.findings.isEmpty, result.verdict.status == .fail || result.verdict.status == .warn else { return result }
    var changed = result
    let findings = result.verdict.findings.map { finding in
      var finding = finding
      finding.severity = severity
      return finding
    }
    changed.verdict = Verdict(findings: findings, passNote: result.verdict.passNote, evidence: result.verdict.evidence)
    return changed
  }
}

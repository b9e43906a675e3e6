import ProjectModel
import Requirements

/// One rule's verdict for one config env (or for the repository as a whole).
public struct RuleResult: Sendable {
  public var rule: RuleDefinition
  /// The config env; nil for repository-scope rules.
  public var environment: String?
  public var verdict: Verdict
  /// Set by the matrix when waivers accept every finding of this result.
  var isWaived = false

  /// The verdict as it concerns requirement `id` alone: a rule deciding several
  /// requirements fails only those its findings name; for the others it passes.
  public func verdict(for id: RequirementID) -> Verdict {
    guard verdict.status == .fail || verdict.status == .warn else { return verdict }
    let own = verdict.findings.filter { $0.requirements.contains(id) }
    // The rule's pass note would describe a state its other findings contradict
    // ("port 8501 in all 6 places" while one place says 8080): say only what holds.
    if own.isEmpty, let undecided = verdict.undecidedNote { return .needsEvidence(undecided, evidence: verdict.evidence) }
    if own.isEmpty { return .pass("\(rule.id): nothing against \(id) (its findings concern \(Set(verdict.findings.flatMap(\.requirements)).sorted().map(\.description).joined(separator: ", ")))") }
    var projected = Verdict(findings: own, passNote: verdict.passNote, evidence: verdict.evidence)
    projected.note = verdict.note
    return projected
  }
}

/// Runs rules over a project: per-env rules once for each evaluated config env,
/// repository rules once. Rules whose artifacts are absent are not applicable, with the
/// reason; rules for requirements the project's catalogue does not list are skipped.
public enum RuleEngine {
  /// The results, in the order of `rules` (per-env results in the project's env order).
  /// Rules are independent values over an immutable project, so they run on every core
  /// (`concurrentMap`); the order of the results does not depend on it.
  public static func run(_ rules: [any Rule], on project: Project, recording reads: ValueReads? = nil) -> [RuleResult] {
    // The rules that walk the deploy script take longest; started first, they do not
    // leave one core finishing the last of them alone while the other waits.
    let walkers = rules.indices.filter { walksScript(rules[$0]) }
    let order = walkers + rules.indices.filter { !walksScript(rules[$0]) }
    let frontend = CustomFrontendLimit.customFrontend(in: project)
    let subjects = Subjects(project)
    let computed = order.concurrentMap { results(of: rules[$0], on: subjects, frontend: frontend, recording: reads) }
    var byRule = [[RuleResult]](repeating: [], count: rules.count)
    for (position, index) in order.enumerated() { byRule[index] = computed[position] }
    return byRule.flatMap { $0 }
  }

  private static func walksScript(_ rule: any Rule) -> Bool {
    rule.definition.artifacts.contains(.deployScript)
  }

  /// One rule's results: none when the project's catalogue lists none of its
  /// requirements, one per config env for a per-env rule, else one.
  /// `frontend`: the project's `CustomFrontendLimit.customFrontend(in:)`.
  private static func results(
    of rule: any Rule, on subjects: Subjects, frontend: CustomFrontendLimit.Reason?, recording reads: ValueReads?
  ) -> [RuleResult] {
    let project = subjects.repository.project
    let definition = rule.definition
    guard definition.requirements.contains(where: { project.requirements[$0] != nil }) else { return [] }
    if let reason = missingArtifact(definition, project) {
      return [RuleResult(rule: definition, environment: nil, verdict: .absent(reason))]
    }
    switch definition.scope {
    case .repository:
      var verdict = rule.evaluate(RuleContext(subject: subjects.repository, definition: definition, reads: reads))
      verdict = CustomFrontendLimit.limit(verdict, of: definition, frontend: frontend)
      return [RuleResult(rule: definition, environment: nil, verdict: stamp(verdict, definition, nil))]
    case .perEnvironment:
      return subjects.environments.map { subject in
        let name = subject.template.scenario.environment
        var verdict = rule.evaluate(RuleContext(subject: subject, definition: definition, reads: reads))
        verdict = OpaqueTemplateParts.limit(verdict, of: definition, in: subject.template)
        verdict = CustomFrontendLimit.limit(verdict, of: definition, frontend: frontend)
        return RuleResult(rule: definition, environment: name, verdict: stamp(verdict, definition, name))
      }
    }
  }

  /// What every rule's context shares: the project, and the project with each config env.
  private struct Subjects: Sendable {
    let repository: RuleContext.Subject
    let environments: [RuleContext.Subject]

    init(_ project: Project) {
      repository = RuleContext.Subject(project: project, environment: nil)
      environments = project.environments.map { RuleContext.Subject(project: project, environment: $0) }
    }
  }

  private static func stamp(_ verdict: Verdict, _ definition: RuleDefinition, _ environment: String?) -> Verdict {
    var stamped = verdict
    stamped.findings = verdict.findings.map { finding in
      var finding = finding
      finding.ruleID = definition.id
      finding.requirements = finding.onlyRequirements ?? definition.requirements
      finding.environment = environment
      return finding
    }
    return stamped
  }

  private static func missingArtifact(_ definition: RuleDefinition, _ project: Project) -> String? {
    for artifact in definition.artifacts {
      if let reason = project.absence(of: artifact) { return reason }
    }
    if definition.scope == .perEnvironment && project.environments.isEmpty {
      return project.absences["template"] ?? "no config env to evaluate"
    }
    return nil
  }
}

extension Project {
  /// Why `artifact` is absent, or nil when it is loaded.
  func absence(of artifact: Artifact) -> String? {
    switch artifact {
    case .template: template == nil ? absences["template"] ?? "no template" : nil
    case .samconfig: samconfig == nil ? absences["samconfig"] ?? "no samconfig" : nil
    case .requirements, .evidence: nil
    case .dockerfile, .dockerignore, .buildContext, .deployScript: absences[artifact.rawValue]
    }
  }
}

import Diagnostics
import Requirements
import TemplateModel

extension RuleContext {
  /// Runs `check` on every service's scaling, or fails when the template scales nothing.
  ///
  /// A service whose check fails a requirement, but would not were one of the policies
  /// that may be attached to its target (`EvaluatedTemplate.undecidedScalingPolicies(of:)`:
  /// values only deploy time can compare with the target's) attached, is undecided for
  /// that requirement: it fails only for want of a policy, and that policy may be the one.
  /// Its findings then stand for the other requirements only, and the verdict says which
  /// policy, which values and where they are: needs-evidence when nothing else fails,
  /// otherwise the failure with that reason for the requirements no finding names
  /// (`Verdict.undecidedNote`). A check that reads no policy (`readsPolicies` false) is
  /// not run again with them.
  ///
  /// At most `limit` (`maximumComparisons`) such policies are compared (and checked) for
  /// all services together, so that a template of thousands of targets and thousands of
  /// policies no check can attach stays linear; a failing service whose policies were
  /// left uncompared is undecided too, saying so.
  func scaling(
    _ what: String, passNote: String, readsPolicies: Bool = true, comparingAtMost limit: Int = maximumComparisons,
    _ check: (ServiceScaling) -> [Finding]
  ) -> Verdict {
    let all = ServiceScaling.all(in: template)
    guard !all.isEmpty else { return missing("AWS::ECS::Service", for: what) }
    var findings: [Finding] = []
    // Each undecided service's failing findings, target and the policies that may be
    // missing (the note is written for the described ones only).
    var undecided: [(found: [Finding], target: EvaluatedResource, candidates: [ScalingPolicyAttachment], uncompared: Bool)] = []
    var budget = limit
    for scaling in all {
      guard let target = scaling.target else {
        findings.append(.error("\(scaling.service.logicalID) has no Application Auto Scaling target on ecs:service:DesiredCount; \(what)", at: scaling.service.location))
        continue
      }
      let found = check(scaling)
      guard readsPolicies, found.contains(where: { $0.severity == .error }) else {
        findings += found
        continue
      }
      let (rescued, candidates, uncompared) = policiesThatMayBeMissing(from: scaling, target: target, failing: found, budget: &budget, check)
      guard !rescued.isEmpty else {
        findings += found
        continue
      }
      findings += found.compactMap { restrict($0, excluding: rescued) }
      undecided.append((found, target, candidates, uncompared))
    }
    guard !undecided.isEmpty else { return Verdict(findings: findings, passNote: passNote) }
    let described = undecided.prefix(Self.describedServices).map { Self.undecided($0.found, target: $0.target, candidates: $0.candidates, uncompared: $0.uncompared, limit: limit) }
    let more = undecided.count - described.count
    let note = described.map(\.note).joined(separator: "; ") + (more > 0 ? "; and \(more) other service\(more == 1 ? "" : "s") likewise" : "")
    let evidence = described.flatMap(\.evidence)
    guard findings.isEmpty else {
      var verdict = Verdict(findings: findings, passNote: passNote, evidence: evidence)
      verdict.undecidedNote = note
      return verdict
    }
    let others = all.count > undecided.count ? "; the other services: \(passNote)" : ""
    var verdict = Verdict.needsEvidence(note + others, evidence: evidence)
    verdict.passNote = passNote
    return verdict
  }

  /// The requirements that `failing` (the check's findings on `scaling`) names and that a
  /// policy which may be attached to `target` would keep from failing, with those
  /// policies: each undecided one is checked as attached, until every failing requirement
  /// is covered. Each comparison spends one of `budget`; when it runs out, every failing
  /// requirement counts as covered (`uncompared`: policies were left that may cover it).
  private func policiesThatMayBeMissing(
    from scaling: ServiceScaling, target: EvaluatedResource, failing: [Finding], budget: inout Int, _ check: (ServiceScaling) -> [Finding]
  ) -> (rescued: Set<RequirementID>, candidates: [ScalingPolicyAttachment], uncompared: Bool) {
    let failed = failedRequirements(failing)
    var rescued = Set<RequirementID>()
    var candidates: [ScalingPolicyAttachment] = []
    for attachment in template.unattachedScalingPolicies(comparedWith: target) {
      guard budget > 0 else { return (failed, candidates, rescued != failed) }
      budget -= 1
      guard attachment.comparison == .undecided else { continue }
      let covered = failed.subtracting(failedRequirements(check(scaling.attaching(attachment.policy)))).subtracting(rescued)
      guard !covered.isEmpty else { continue }
      rescued.formUnion(covered)
      candidates.append(attachment)
      if rescued == failed { break }
    }
    return (rescued, candidates, false)
  }

  /// The requirements the errors among `findings` break (`Finding.onlyRequirements`, or
  /// all of the rule's).
  private func failedRequirements(_ findings: [Finding]) -> Set<RequirementID> {
    Set(findings.filter { $0.severity == .error }.flatMap { $0.onlyRequirements ?? definition.requirements })
  }

  /// An error finding for its requirements other than `excluded` (nil when none is
  /// left); other findings as they are.
  private func restrict(_ finding: Finding, excluding excluded: Set<RequirementID>) -> Finding? {
    guard finding.severity == .error else { return finding }
    let kept = (finding.onlyRequirements ?? definition.requirements).filter { !excluded.contains($0) }
    guard !kept.isEmpty else { return nil }
    var restricted = finding
    restricted.onlyRequirements = kept
    return restricted
  }

  /// How many unattached policies one verdict compares with the targets of failing
  /// services: 250 targets by 250 policies, more than a template within CloudFormation's
  /// quota of 500 resources can ask for ("CloudFormation quotas",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html),
  /// and about 0.2 s in a release build when every comparison is undecided.
  static let maximumComparisons = 62_500

  /// How many undecided services a verdict describes (the others are counted), so that
  /// a template of thousands of them does not make a note of megabytes.
  private static let describedServices = 5

  /// "ScalableTarget has no TargetTrackingScaling policy on ECSServiceAverageCPUUtilization,
  /// unless CpuScalingPolicy scales it, which these files cannot tell: CpuScalingPolicy's
  /// ResourceId service/${!ImportValue vibejudge-cluster-name}/${Service.Name}
  /// (infra/template.yaml:538:19) and ScalableTarget's service/${Cluster}/${Service.Name}
  /// (infra/template.yaml:526:19) can only be compared at deploy time", with the
  /// policies' and the values' locations (the first policy's first); or "..., unless a
  /// scaling policy left uncompared scales it: ..." past the comparison limit.
  private static func undecided(
    _ found: [Finding], target: EvaluatedResource, candidates: [ScalingPolicyAttachment], uncompared: Bool, limit: Int
  ) -> (note: String, evidence: [SourceLocation]) {
    let failures = found.filter { $0.severity == .error }.map(\.message).joined(separator: "; ")
    var evidence: [SourceLocation] = []
    var comparisons: [String] = []
    for candidate in candidates {
      evidence.append(candidate.policy.location)
      for property in candidate.undecidedProperties {
        guard let own = candidate.policy[property], let targets = target[property] else { continue }
        evidence += [own.location, targets.location]
        comparisons.append("\(candidate.policy.logicalID)'s \(property) \(own.display) (\(own.location)) and \(target.logicalID)'s \(targets.display) (\(targets.location))")
      }
    }
    var unless: [String] = []
    if !candidates.isEmpty {
      let names = candidates.map(\.policy.logicalID)
      let listed = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
      unless.append("\(listed) scales it, which these files cannot tell: \(comparisons.joined(separator: "; ")) can only be compared at deploy time")
    }
    if uncompared {
      evidence.append(target.location)
      unless.append("a scaling policy left uncompared scales it: more scaling policies name their target by value, attached to no target of the template, than one check compares (\(limit))")
    }
    return ("\(failures), unless \(unless.joined(separator: ", or unless "))", evidence)
  }
}

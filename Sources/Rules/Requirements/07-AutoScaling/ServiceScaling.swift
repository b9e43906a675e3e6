import Diagnostics
import TemplateModel

/// The scalable target and target-tracking policy of each service, for the auto-scaling rules.
struct ServiceScaling {
  var service: EvaluatedResource
  var target: EvaluatedResource?
  var policies: [EvaluatedResource]

  static func all(in template: EvaluatedTemplate) -> [ServiceScaling] {
    template.services.map { service in
      let target = template.scalableTargets(of: service).first
      return ServiceScaling(service: service, target: target, policies: target.map { template.scalingPolicies(of: $0) } ?? [])
    }
  }

  /// The target-tracking policy on average CPU, if any.
  var cpuPolicy: EvaluatedResource? {
    policies.first { policy in
      policy["PolicyType"]?.string == "TargetTrackingScaling"
        && policy["TargetTrackingScalingPolicyConfiguration"]?["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.string == "ECSServiceAverageCPUUtilization"
    }
  }

  var cpuConfiguration: EvaluatedNode? { cpuPolicy?["TargetTrackingScalingPolicyConfiguration"] }

  /// Every target-tracking policy on average CPU attached to the target.
  var cpuPolicies: [EvaluatedResource] { policies.filter(Self.tracksCPU) }

  /// The target's other policies (step scaling, other metrics). With several policies on
  /// one target, Application Auto Scaling scales out when any policy calls for it and
  /// scales in only when every one does, so each of them decides when tasks are added
  /// and kept. Reference: "Target tracking scaling policies for Application Auto Scaling",
  /// https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html
  var otherPolicies: [EvaluatedResource] { policies.filter { !Self.tracksCPU($0) } }

  static func tracksCPU(_ policy: EvaluatedResource) -> Bool {
    policy["PolicyType"]?.string == "TargetTrackingScaling"
      && policy["TargetTrackingScalingPolicyConfiguration"]?["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.string == "ECSServiceAverageCPUUtilization"
  }

  /// What a policy other than CPU target tracking scales on, for messages.
  static func describe(_ policy: EvaluatedResource) -> String {
    let type = policy["PolicyType"]?.display ?? "unset"
    let configuration = policy["TargetTrackingScalingPolicyConfiguration"]
    guard type == "TargetTrackingScaling", let configuration else { return "a \(type) policy" }
    let metric = configuration["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.display
      ?? configuration["CustomizedMetricSpecification"]?["MetricName"]?.display ?? "a custom metric"
    return "target tracking on \(metric) at \(configuration["TargetValue"]?.display ?? "unset")"
  }
}

extension RuleExample.Edit {
  /// This repository's CPU policy names its scalable target by `ServiceNamespace`,
  /// `ScalableDimension` and `ResourceId` instead of `ScalingTargetId` (the target's own
  /// `ResourceId` is `!Sub "service/${Cluster}/${Service.Name}"`).
  static func policyNamingItsTarget(resourceID: String, dimension: String = "ecs:service:DesiredCount") -> RuleExample.Edit {
    .edit(.template, "      ScalingTargetId: !Ref ScalableTarget\n", "      ServiceNamespace: ecs\n      ScalableDimension: \(dimension)\n      ResourceId: \(resourceID)\n")
  }

  /// The cluster's name as the template gives it (`ClusterName`): the same value, attached.
  static let policyNamingItsTargetByClusterName = policyNamingItsTarget(resourceID: #"!Sub "service/vibejudge-cluster-${Environment}/${Service.Name}""#)
  /// The target's values written as an `Fn::Join`: the same values, attached.
  static let policyNamingItsTargetByJoin = policyNamingItsTarget(resourceID: "!Join [/, [service, !Ref Cluster, !GetAtt Service.Name]]")
  /// A cluster name another stack exports: only deploy time shows whether it is this
  /// template's cluster, so the policy may be attached, or not.
  static let policyNamingItsTargetByImportedClusterName = policyNamingItsTarget(resourceID: "!Join [/, [service, !ImportValue vibejudge-cluster-name, !GetAtt Service.Name]]")
  /// A scalable dimension other than the target's: decidedly not attached.
  static let policyNamingAnotherDimension = policyNamingItsTarget(resourceID: #"!Sub "service/vibejudge-cluster-${Environment}/${Service.Name}""#, dimension: "ecs:service:DesiredCapacity")
}

extension ServiceScaling {
  /// The same service and target with `policy` attached too (after the others).
  func attaching(_ policy: EvaluatedResource) -> ServiceScaling {
    ServiceScaling(service: service, target: target, policies: policies + [policy])
  }
}

extension RuleContext {
  /// Runs `check` on every service's scaling, or fails when the template scales nothing.
  ///
  /// A service whose check fails, but would pass were one of the policies that may be
  /// attached to its target (`EvaluatedTemplate.undecidedScalingPolicies(of:)`: values
  /// only deploy time can compare with the target's) attached, is undecided: its
  /// failure is only that a policy is missing, and that policy may be the missing one.
  /// The verdict is then needs-evidence naming the policy, the values and where they
  /// are (or, when other services fail, the failure, with the same reason for the
  /// requirements their findings do not name: `Verdict.undecidedNote`). A check that
  /// reads no policy (`readsPolicies` false) is not run again with them.
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
    // Each undecided service's failing findings, target and candidate policies (the note
    // is written for the described ones only).
    var undecided: [(found: [Finding], target: EvaluatedResource, candidates: [ScalingPolicyAttachment])] = []
    var comparisons = 0
    for scaling in all {
      guard let target = scaling.target else {
        findings.append(.error("\(scaling.service.logicalID) has no Application Auto Scaling target on ecs:service:DesiredCount; \(what)", at: scaling.service.location))
        continue
      }
      let found = check(scaling)
      if readsPolicies, found.contains(where: { $0.severity == .error }) {
        var candidates: [ScalingPolicyAttachment] = []
        var uncompared = false
        for attachment in template.unattachedScalingPolicies(comparedWith: target) {
          guard comparisons < limit else {
            uncompared = true
            break
          }
          comparisons += 1
          guard attachment.comparison == .undecided, !check(scaling.attaching(attachment.policy)).contains(where: { $0.severity == .error }) else { continue }
          candidates.append(attachment)
          if candidates.count == Self.namedCandidates { break }
        }
        if !candidates.isEmpty || uncompared {
          undecided.append((found, target, candidates))
          continue
        }
      }
      findings += found
    }
    guard !undecided.isEmpty else { return Verdict(findings: findings, passNote: passNote) }
    let described = undecided.prefix(Self.describedServices).map { Self.undecided($0.found, target: $0.target, candidates: $0.candidates, limit: limit) }
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

  /// How many of the policies that may be attached to a target a verdict names: the
  /// first found (`EvaluatedTemplate.unattachedScalingPolicies(comparedWith:)` starts
  /// next to the target). One is enough to leave the service undecided; each more would
  /// cost a comparison and a check per failing service.
  private static let namedCandidates = 1
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
  /// ResourceId service/vibejudge-cluster-prod/${Service.Name} (infra/template.yaml:538:19)
  /// and ScalableTarget's service/${Cluster}/${Service.Name} (infra/template.yaml:526:19)
  /// can only be compared at deploy time", with the policies' and the values' locations
  /// (the first policy's first).
  private static func undecided(_ found: [Finding], target: EvaluatedResource, candidates: [ScalingPolicyAttachment], limit: Int) -> (note: String, evidence: [SourceLocation]) {
    let failures = found.filter { $0.severity == .error }.map(\.message).joined(separator: "; ")
    guard !candidates.isEmpty else {
      return ("\(failures), unless a scaling policy left uncompared scales it: more scaling policies name their target by value, attached to no target of the template, than one check compares (\(limit))", [target.location])
    }
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
    let names = candidates.map(\.policy.logicalID)
    let listed = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    let note = "\(failures), unless \(listed) scales it, which these files cannot tell: \(comparisons.joined(separator: "; ")) can only be compared at deploy time"
    return (note, evidence)
  }
}

import Requirements
import TemplateModel

/// 7.2, 7.3: target tracking on average CPU at the target value, scale-in not disabled.
struct CPUTargetTrackingRule: Rule {
  static let definition = RuleDefinition(
    id: "cpu-target-tracking",
    requirements: ["7.2", "7.3"],
    title: "Target tracking on average CPU at the target value",
    rationale: "A target-tracking policy on ECSServiceAverageCPUUtilization adds tasks above the target and removes them below it; DisableScaleIn true would keep every task added. Every policy on the target counts (any one scales out, all must agree to scale in), and a suspended scale-out or scale-in stops them all.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html",
      "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_SuspendedState.html",
    ],
    examples: [
      .compliant(),
      .change("the policy names its target by the same values, as a Join", .policyNamingItsTargetByJoin, expect: .pass),
      .change("the policy names its target by the same values, the cluster by its name", .policyNamingItsTargetByClusterName, expect: .pass),
      .change("the policy names its target by a cluster name another stack exports, only comparable at deploy time", .policyNamingItsTargetByImportedClusterName, expect: .needsEvidence),
      .change("the policy names another scalable dimension", .policyNamingAnotherDimension, alsoFails: ["7.4", "7.5", "7.6"]),
      .change("target 90 %", .edit(.template, "        TargetValue: 70", "        TargetValue: 90")),
      .change("scale-in disabled", .edit(.template, "        DisableScaleIn: false", "        DisableScaleIn: true")),
      .change("tracks memory", .edit(.template, "PredefinedMetricType: ECSServiceAverageCPUUtilization", "PredefinedMetricType: ECSServiceAverageMemoryUtilization"), alsoFails: ["7.4", "7.5", "7.6"]),
      .change("scale-out suspended", .edit(.template, "      MaxCapacity: 10\n", "      MaxCapacity: 10\n      SuspendedState: {DynamicScalingOutSuspended: true}\n")),
      .change("scale-in suspended", .edit(.template, "      MaxCapacity: 10\n", "      MaxCapacity: 10\n      SuspendedState:\n        DynamicScalingInSuspended: true\n")),
      .change("scheduled scaling suspended only", .edit(.template, "      MaxCapacity: 10\n", "      MaxCapacity: 10\n      SuspendedState: {ScheduledScalingSuspended: true, DynamicScalingOutSuspended: false}\n"), expect: .pass),
      .change("a second policy tracks memory at 20 %", .edit(.template, "        DisableScaleIn: false\n", "        DisableScaleIn: false\n\n  MemoryScalingPolicy:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Condition: ServiceEnabled\n    Properties:\n      PolicyName: memory\n      PolicyType: TargetTrackingScaling\n      ScalingTargetId: !Ref ScalableTarget\n      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ECSServiceAverageMemoryUtilization\n        TargetValue: 20\n        ScaleOutCooldown: 0\n        ScaleInCooldown: 0\n"), alsoFails: ["7.4", "7.5"]),
      .change("a second CPU policy at 50 %", .edit(.template, "        DisableScaleIn: false\n", "        DisableScaleIn: false\n\n  CpuScalingPolicy2:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Condition: ServiceEnabled\n    Properties:\n      PolicyName: cpu-50\n      PolicyType: TargetTrackingScaling\n      ScalingTargetId: !Ref ScalableTarget\n      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ECSServiceAverageCPUUtilization\n        TargetValue: 50\n        ScaleOutCooldown: 60\n        ScaleInCooldown: 300\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let target = context.value("target-cpu") else { return .missingValue("target-cpu", of: "7.2") }
    return context.scaling("requirement 7.2 needs CPU target tracking", passNote: "target tracking CPU at \(target.written), scale-in enabled") { scaling in
      let scalable = scaling.target!
      guard !scaling.cpuPolicies.isEmpty else {
        var finding = Finding.error("\(scalable.logicalID) has no TargetTrackingScaling policy on ECSServiceAverageCPUUtilization", at: scaling.policies.first?.location ?? scalable.location)
        finding.onlyRequirements = ["7.2", "7.3"]
        return [finding]
      }
      var findings: [Finding] = []
      for policy in scaling.cpuPolicies {
        guard let configuration = policy["TargetTrackingScalingPolicyConfiguration"] else { continue }
        let value = configuration["TargetValue"]
        if value?.number != target.number {
          var finding = Finding.error("\(policy.logicalID) has TargetValue \(value?.display ?? "unset"); \(target.cited) requires \(target.written)", at: value?.location ?? configuration.location, path: "Resources/\(policy.logicalID)/Properties/TargetTrackingScalingPolicyConfiguration/TargetValue")
          finding.onlyRequirements = ["7.2"]
          findings.append(finding)
        }
        if let disable = configuration["DisableScaleIn"], disable.bool != false {
          var finding = Finding.error("\(policy.logicalID) has DisableScaleIn \(disable.display); tasks would never be removed below \(target.written) CPU", at: disable.location, path: "Resources/\(policy.logicalID)/Properties/TargetTrackingScalingPolicyConfiguration/DisableScaleIn")
          finding.onlyRequirements = ["7.3"]
          findings.append(finding)
        }
      }
      for policy in scaling.otherPolicies {
        var finding = Finding.error("\(policy.logicalID) also scales \(scalable.logicalID), with \(ServiceScaling.describe(policy)): any policy on a target scales it out and all must agree to scale in, so tasks are added and kept on other grounds than average CPU against \(target.written)", at: policy.location, path: "Resources/\(policy.logicalID)")
        finding.onlyRequirements = ["7.2", "7.3"]
        findings.append(finding)
      }
      // A suspended dynamic scale-out (scale-in) stops every policy adding (removing) tasks.
      let suspended = scalable["SuspendedState"]
      for (key, id, what) in [("DynamicScalingOutSuspended", "7.2", "added above"), ("DynamicScalingInSuspended", "7.3", "removed below")] {
        guard let flag = suspended?[key], flag.bool != false else { continue }
        var finding = Finding.error("\(scalable.logicalID) has SuspendedState \(key) \(flag.display); no task would be \(what) \(target.written) CPU", at: flag.location, path: "Resources/\(scalable.logicalID)/Properties/SuspendedState/\(key)")
        finding.onlyRequirements = [Requirements.RequirementID(stringLiteral: id)]
        findings.append(finding)
      }
      return findings
    }
  }
}

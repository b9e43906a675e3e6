import Requirements
import TemplateModel

/// 7.4, 7.5: scale-out and scale-in cooldowns.
struct ScalingCooldownRule: Rule {
  static let definition = RuleDefinition(
    id: "scaling-cooldowns",
    requirements: ["7.4", "7.5"],
    title: "Scaling cooldowns are the required ones",
    rationale: "A short scale-out cooldown reacts to load quickly; a long scale-in cooldown avoids removing tasks during a dip. Application Auto Scaling's ECS default is 300 s for both, so the scale-out value must be written.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#target-tracking-cooldown"],
    examples: [
      .compliant(),
      .change("the policy names its target by the same values, the cluster by its name", .policyNamingItsTargetByClusterName, expect: .pass),
      .change("the policy names its target by a cluster name another stack exports, only comparable at deploy time", .policyNamingItsTargetByImportedClusterName, expect: .needsEvidence),
      .change("the policy names another scalable dimension", .policyNamingAnotherDimension, alsoFails: ["7.2", "7.3", "7.6"]),
      .change("scale-out cooldown 300 s", .edit(.template, "ScaleOutCooldown: 60", "ScaleOutCooldown: 300")),
      .change("scale-in cooldown 60 s", .edit(.template, "ScaleInCooldown: 300", "ScaleInCooldown: 60")),
      .change("a second CPU policy without cooldowns", .edit(.template, "        DisableScaleIn: false\n", "        DisableScaleIn: false\n\n  CpuScalingPolicy2:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Condition: ServiceEnabled\n    Properties:\n      PolicyName: cpu-70-again\n      PolicyType: TargetTrackingScaling\n      ScalingTargetId: !Ref ScalableTarget\n      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ECSServiceAverageCPUUtilization\n        TargetValue: 70\n        ScaleOutCooldown: 0\n        ScaleInCooldown: 0\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let out = context.value("scale-out-cooldown", of: "7.4"), let into = context.value("scale-in-cooldown", of: "7.5") else {
      return .missingValue("scale-out-cooldown/scale-in-cooldown", of: "7.4")
    }
    return context.scaling("cooldowns belong to its scaling policy", passNote: "scale-out \(out.written), scale-in \(into.written)") { scaling in
      guard !scaling.cpuPolicies.isEmpty else {
        return [.error("\(scaling.target!.logicalID) has no CPU target-tracking policy to carry the cooldowns", at: scaling.target!.location)]
      }
      var findings: [Finding] = []
      // Every policy on the target scales it: each one's cooldowns apply to its own actions.
      for policy in scaling.policies {
        guard let configuration = policy["TargetTrackingScalingPolicyConfiguration"] else {
          var finding = Finding.error("\(policy.logicalID) also scales \(scaling.target!.logicalID), with \(ServiceScaling.describe(policy)), which has no scale-out and scale-in cooldowns of its own", at: policy.location, path: "Resources/\(policy.logicalID)")
          finding.onlyRequirements = [RequirementIDs.scaleOut, RequirementIDs.scaleIn]
          findings.append(finding)
          continue
        }
        // Application Auto Scaling default for ECS services: 300 s each way.
        for (property, value, id) in [("ScaleOutCooldown", out, RequirementIDs.scaleOut), ("ScaleInCooldown", into, RequirementIDs.scaleIn)] {
          let node = configuration[property]
          if (node?.int ?? 300) != value.integer {
            var finding = Finding.error("\(policy.logicalID) has \(property) \(node?.display ?? "unset (300 s)"); \(value.cited) requires \(value.written)", at: node?.location ?? configuration.location, path: "Resources/\(policy.logicalID)/Properties/TargetTrackingScalingPolicyConfiguration/\(property)")
            finding.onlyRequirements = [id]
            findings.append(finding)
          }
        }
      }
      return findings
    }
  }

  private enum RequirementIDs {
    static let scaleOut: Requirements.RequirementID = "7.4"
    static let scaleIn: Requirements.RequirementID = "7.5"
  }
}

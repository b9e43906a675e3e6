import TemplateModel

/// 7.2, 7.3: target tracking on average CPU at the target value, scale-in not disabled.
struct CPUTargetTrackingRule: Rule {
  static let definition = RuleDefinition(
    id: "cpu-target-tracking",
    requirements: ["7.2", "7.3"],
    title: "Target tracking on average CPU at the target value",
    rationale: "A target-tracking policy on ECSServiceAverageCPUUtilization adds tasks above the target and removes them below it; DisableScaleIn true would keep every task added.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html"],
    examples: [
      .compliant(),
      .change("target 90 %", .edit(.template, "        TargetValue: 70", "        TargetValue: 90")),
      .change("scale-in disabled", .edit(.template, "        DisableScaleIn: false", "        DisableScaleIn: true")),
      .change("tracks memory", .edit(.template, "PredefinedMetricType: ECSServiceAverageCPUUtilization", "PredefinedMetricType: ECSServiceAverageMemoryUtilization"), alsoFails: ["7.4", "7.5", "7.6"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let target = context.value("target-cpu") else { return .missingValue("target-cpu", of: "7.2") }
    return context.scaling("requirement 7.2 needs CPU target tracking", passNote: "target tracking CPU at \(target.written), scale-in enabled") { scaling in
      guard let policy = scaling.cpuPolicy, let configuration = scaling.cpuConfiguration else {
        var finding = Finding.error("\(scaling.target!.logicalID) has no TargetTrackingScaling policy on ECSServiceAverageCPUUtilization", at: scaling.policies.first?.location ?? scaling.target!.location)
        finding.onlyRequirements = ["7.2", "7.3"]
        return [finding]
      }
      var findings: [Finding] = []
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
      return findings
    }
  }
}

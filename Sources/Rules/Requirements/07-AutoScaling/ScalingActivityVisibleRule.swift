import TemplateModel

/// 7.6: scaling activity shows in CloudWatch — inherent to Application Auto Scaling once a
/// target-tracking policy exists (it creates and manages the CloudWatch alarms).
struct ScalingActivityVisibleRule: Rule {
  static let definition = RuleDefinition(
    id: "scaling-activity-visible",
    requirements: ["7.6"],
    title: "Scaling runs through CloudWatch alarms",
    rationale: "A target-tracking policy makes Application Auto Scaling create CloudWatch alarms for it; every scaling action then appears as alarm history and in the service's events.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html"],
    examples: [
      .compliant(),
      .change("the policy names its target by the same values, the cluster by its name", .policyNamingItsTargetByClusterName, expect: .pass),
      .change("the policy names its target by a cluster name another stack exports, only comparable at deploy time", .policyNamingItsTargetByImportedClusterName, expect: .needsEvidence),
      .change("the policy names another scalable dimension", .policyNamingAnotherDimension, alsoFails: ["7.2", "7.3", "7.4", "7.5"]),
      .change("step scaling without alarms", .edit(.template, "      PolicyType: TargetTrackingScaling", "      PolicyType: StepScaling"), alsoFails: ["7.2", "7.3", "7.4", "7.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    context.scaling("its policy's alarms make scaling visible", passNote: "target tracking creates CloudWatch alarms (inherent)") { scaling in
      scaling.cpuPolicy == nil
        ? [.error("\(scaling.target!.logicalID) has no target-tracking policy, so no CloudWatch alarm records scaling", at: scaling.target!.location)] : []
    }
  }
}

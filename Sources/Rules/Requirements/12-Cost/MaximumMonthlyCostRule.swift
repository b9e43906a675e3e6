import TemplateModel

/// 12.5: the maximum task count, running all month, costs at most the budget — computed
/// like 12.1, so the tasks above the capacity provider base go to FARGATE_SPOT at the
/// assumed discount only when the strategy that really applies puts them there.
struct MaximumMonthlyCostRule: Rule {
  static let definition = RuleDefinition(
    id: "monthly-cost-at-max-tasks",
    requirements: ["12.5"],
    title: "The maximum task count costs at most the monthly budget",
    rationale: "Scaled out to its ceiling for a whole month, the service's bill is bounded only if the tasks above the base run on FARGATE_SPOT and every task's public IPv4 address is counted. A LaunchType or a strategy that keeps tasks on on-demand FARGATE shows here as money.",
    scope: .perEnvironment, kind: .computed, artifacts: [.template],
    sources: [
      "https://aws.amazon.com/fargate/pricing/",
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html",
      "https://aws.amazon.com/vpc/pricing/",
    ],
    examples: [
      .compliant(),
      .change("service sets LaunchType FARGATE (every task on-demand)", .edit(.template, "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE\n          Base: 2\n          Weight: 0\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing", "      LaunchType: FARGATE\n      AvailabilityZoneRebalancing"), alsoFails: ["3.2", "3.3", "12.1", "12.2"]),
      .change(
        "an RDS database instance, which the cost model does not price (the figure is a lower bound)",
        .edit(
          .template, "  Service:\n    Type: AWS::ECS::Service\n",
          "  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBInstanceClass: db.m5.large\n      Engine: postgres\n      AllocatedStorage: \"20\"\n\n  Service:\n    Type: AWS::ECS::Service\n"),
        expect: .needsEvidence),
      .change("tasks of 1 vCPU and 2 GB", .edit(.template, "Cpu: \"512\"\n      Memory: \"1024\"", "Cpu: \"1024\"\n      Memory: \"2048\""), alsoFails: ["4.1", "4.2", "12.1"]),
    ])

  /// How the total compares with the budget.
  static let comparison = MonthlyCostCheck.Comparison.atMost

  func evaluate(_ context: RuleContext) -> Verdict {
    MonthlyCostCheck.verdict(context, Self.comparison)
  }
}

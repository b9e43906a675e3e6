import TemplateModel

/// 12.1: the baseline task count, running all month with the load balancer and the rest
/// of the stack, costs less than the budget — computed from the evaluated template and
/// the dated price list (`MonthlyCostModel`, `PriceList`).
struct BaselineMonthlyCostRule: Rule {
  static let definition = RuleDefinition(
    id: "monthly-cost-baseline",
    requirements: ["12.1"],
    title: "Baseline tasks cost less than the monthly budget",
    rationale: "The baseline runs around the clock, so its monthly figure is the floor of every bill: Fargate vCPU and memory hours (on-demand or Spot as the capacity provider strategy places them), the load balancer's hours and capacity units, every public IPv4 address (tasks and load balancer zones), NAT gateways, logs and image storage. Prices and assumptions are printed with the figure; a budget the honest figure misses is waived with a reason, never met by changing the model.",
    scope: .perEnvironment, kind: .computed, artifacts: [.template],
    sources: [
      "https://aws.amazon.com/fargate/pricing/",
      "https://aws.amazon.com/elasticloadbalancing/pricing/",
      "https://aws.amazon.com/vpc/pricing/",
      "https://aws.amazon.com/cloudwatch/pricing/",
      "https://aws.amazon.com/ecr/pricing/",
    ],
    examples: [
      .change("tasks of 0.25 vCPU and 0.5 GB", .edit(.template, "Cpu: \"512\"\n      Memory: \"1024\"", "Cpu: \"256\"\n      Memory: \"512\""), expect: .pass),
      .change(
        "tasks of 0.25 vCPU and 0.5 GB, and a nested stack (its resources are not priced: the figure is a lower bound)",
        .edit(.template, "Cpu: \"512\"\n      Memory: \"1024\"", "Cpu: \"256\"\n      Memory: \"512\""), OutsideResourceEdits.addTaskStack, expect: .needsEvidence),
      // The finding is located at the first ECS service: here the added one, which a
      // waiver accepting the existing service's cost does not cover.
      .change("a second always-on service of 2 tasks", .edit(.template, "  TaskDefinition:\n    Type: AWS::ECS::TaskDefinition\n", previewService + "  TaskDefinition:\n    Type: AWS::ECS::TaskDefinition\n"), alsoFails: ["*"]),
    ])

  /// A second service running the dashboard's task definition, for the failing example.
  static let previewService = """
      PreviewService:
        Type: AWS::ECS::Service
        Properties:
          Cluster: !Ref Cluster
          TaskDefinition: !Ref TaskDefinition
          DesiredCount: 2
          NetworkConfiguration:
            AwsvpcConfiguration:
              AssignPublicIp: ENABLED
              Subnets:
                - !Ref PublicSubnet1
                - !Ref PublicSubnet2
              SecurityGroups:
                - !Ref TaskSecurityGroup


    """

  /// How the total compares with the budget.
  static let comparison = MonthlyCostCheck.Comparison.below

  func evaluate(_ context: RuleContext) -> Verdict {
    MonthlyCostCheck.verdict(context, Self.comparison)
  }
}

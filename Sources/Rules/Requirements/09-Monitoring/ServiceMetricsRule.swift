import TemplateModel

/// 9.3: the service's CPU, memory, desired and running task counts are in CloudWatch —
/// inherent: ECS publishes CPU and memory for every service, Container Insights adds the
/// task counts.
struct ServiceMetricsRule: Rule {
  static let definition = RuleDefinition(
    id: "service-metrics",
    requirements: ["9.3"],
    title: "Service metrics are published",
    rationale: "ECS publishes CPUUtilization and MemoryUtilization per service by itself; DesiredTaskCount and RunningTaskCount come from Container Insights, so the cluster must enable it.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html"],
    examples: [
      .compliant(),
      .change("no Container Insights", .edit(.template, "          Value: enabled\n      Tags:", "          Value: disabled\n      Tags:"), alsoFails: ["3.4", "9.7"]),
      .change(
        "the service runs in a cluster defined elsewhere",
        .edit(.template, "      Cluster: !Ref Cluster\n", "      Cluster: shared-cluster\n"), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its metrics are published") }
    let verdict = Verdict(findings: template.services.compactMap { service in
      guard let cluster = template.cluster(of: service) else { return nil }  // outside: needs evidence below
      let insights = (cluster["ClusterSettings"]?.list ?? []).first { $0["Name"]?.string == "containerInsights" }?["Value"]?.string
      if insights == "enabled" || insights == "enhanced" { return nil }
      return .error("\(service.logicalID)'s cluster \(cluster.logicalID) has no Container Insights, so DesiredTaskCount and RunningTaskCount are not published", at: cluster.location)
    }, passNote: template.serviceClusters.inTemplate.isEmpty ? "" : "ECS publishes CPU/memory; Container Insights adds desired/running counts (inherent)")
    return context.limited(verdict, byOutside: template.serviceClusters.outside, expected: EvaluatedTemplate.ecsCluster, what: "Container Insights setting (which publishes the task counts)")
  }
}

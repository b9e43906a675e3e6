import TemplateModel

/// 3.4 and 9.7: Container Insights is on for the cluster (its network and disk metrics
/// come with it).
struct ContainerInsightsRule: Rule {
  static let definition = RuleDefinition(
    id: "container-insights",
    requirements: ["3.4", "9.7"],
    title: "Cluster has Container Insights enabled",
    rationale: "Container Insights (ClusterSettings containerInsights enabled or enhanced) publishes task-level CPU, memory, network and storage metrics; without it only service CPU and memory exist.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html"],
    examples: [
      .compliant(),
      .change("insights disabled", .edit(.template, "          Value: enabled\n      Tags:", "          Value: disabled\n      Tags:"), alsoFails: ["9.3"]),
      .change(
        "the service runs in a cluster defined elsewhere (the template's own cluster is unused)",
        .edit(.template, "      Cluster: !Ref Cluster\n", "      Cluster: shared-cluster\n"), expect: .needsEvidence),
      .change(
        "the service's cluster has its Type misspelt (CloudFormation rejects the template; no cluster holds the setting)",
        .edit(.template, "    Type: AWS::ECS::Cluster\n", "    Type: AWS::ECS::Clustr\n"), alsoFails: ["3.1", "9.3", "10.1", "10.3"]),
      .change(
        "the service runs in a cluster a nested stack outputs (its settings are in that stack)",
        .edit(.template, "      Cluster: !Ref Cluster\n", "      Cluster: !GetAtt Infra.Outputs.ClusterName\n"),
        .edit(.template, "  Cluster:\n    Type: AWS::ECS::Cluster\n", "  Infra:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://example.com/infra.yaml\n  Cluster:\n    Type: AWS::ECS::Cluster\n"),
        expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let clusters = context.template.serviceClusters
    guard !clusters.isEmpty else { return context.missing("AWS::ECS::Cluster", for: "Container Insights is a cluster setting") }
    let verdict = Verdict(findings: clusters.inTemplate.compactMap { cluster in
      let setting = (cluster["ClusterSettings"]?.list ?? []).first { $0["Name"]?.string == "containerInsights" }
      let value = setting?["Value"]?.string
      if value == "enabled" || value == "enhanced" { return nil }
      return .error("cluster \(cluster.logicalID) has containerInsights \(setting?["Value"]?.display ?? "unset (the account default, usually disabled)"); it must be enabled", at: setting?.location ?? cluster.location, path: "Resources/\(cluster.logicalID)/Properties/ClusterSettings")
    }, passNote: clusters.inTemplate.isEmpty ? "" : "containerInsights enabled")
    return context.limited(verdict, byOutside: clusters.outside, expected: EvaluatedTemplate.ecsCluster, what: "containerInsights setting")
  }
}

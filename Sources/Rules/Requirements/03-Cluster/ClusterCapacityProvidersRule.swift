import TemplateModel

/// 3.1: the cluster offers the FARGATE and FARGATE_SPOT capacity providers.
struct ClusterCapacityProvidersRule: Rule {
  static let definition = RuleDefinition(
    id: "cluster-capacity-providers",
    requirements: ["3.1"],
    title: "Cluster has the FARGATE and FARGATE_SPOT capacity providers",
    rationale: "A strategy can only name providers associated with the cluster (CapacityProviders, or an AWS::ECS::ClusterCapacityProviderAssociations resource).",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html"],
    examples: [
      .compliant(),
      .change("FARGATE_SPOT missing", .edit(.template, "        - FARGATE\n        - FARGATE_SPOT\n", "        - FARGATE\n")),
      .change(
        "the service runs in a cluster defined elsewhere (the template's own cluster is unused)",
        .edit(.template, "      Cluster: !Ref Cluster\n", "      Cluster: shared-cluster\n"), expect: .needsEvidence),
      .change(
        "the service's Cluster is a resource of another Type (an EKS cluster)",
        .edit(.template, "    Type: AWS::ECS::Cluster\n", "    Type: AWS::EKS::Cluster\n"), alsoFails: ["3.4", "9.3", "9.7", "10.1", "10.3"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let wanted = context.value("capacity-providers")?.list else { return .missingValue("capacity-providers", of: "3.1") }
    let template = context.template
    let clusters = template.serviceClusters
    guard !clusters.isEmpty else { return context.missing("AWS::ECS::Cluster", for: "requirement 3.1 needs FARGATE and FARGATE_SPOT on it") }
    let verdict = Verdict(findings: clusters.inTemplate.compactMap { cluster in
      var providers = cluster["CapacityProviders"]?.strings ?? []
      for association in template.resources(ofType: "AWS::ECS::ClusterCapacityProviderAssociations") where association["Cluster"]?.mentions(cluster.logicalID) == true {
        providers += association["CapacityProviders"]?.strings ?? []
      }
      let missing = wanted.filter { !providers.contains($0) }
      guard !missing.isEmpty else { return nil }
      return .error("cluster \(cluster.logicalID) has capacity providers [\(providers.joined(separator: ", "))]; \(context.value("capacity-providers")!.cited) also requires \(missing.joined(separator: ", "))", at: cluster["CapacityProviders"]?.location ?? cluster.location, path: "Resources/\(cluster.logicalID)/Properties/CapacityProviders")
    }, passNote: clusters.inTemplate.isEmpty ? "" : "capacity providers " + wanted.joined(separator: ", "))
    return context.limited(verdict, byOutside: clusters.outside, expected: EvaluatedTemplate.ecsCluster, what: "capacity providers")
  }
}

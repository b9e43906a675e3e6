import TemplateModel

extension RuleContext {
  /// `verdict` unless a service runs in a cluster this template does not define
  /// (`EvaluatedTemplate.serviceClusters`): when its `Cluster` certainly names no cluster
  /// (`EvaluatedTemplate.wrongTypeReference`: `AWS::ECS::Clustr`, a `Ref` to an EKS
  /// cluster), a failure at that Type; when the verdict passes and the cluster is a name,
  /// an ARN, an import or a nested stack's output, needs-evidence naming the services and
  /// clusters, since that cluster's `what` is set outside these files.
  func limited(_ verdict: Verdict, byClustersOutside outside: [(service: EvaluatedResource, cluster: EvaluatedNode?)], what: String) -> Verdict {
    let notClusters = outside.compactMap { entry -> Finding? in
      guard let resource = template.wrongTypeReference(entry.cluster, expected: EvaluatedTemplate.ecsCluster) else { return nil }
      let id = resource.logicalID
      let misspelt = ResourceTypes.isMisspelling(resource.type, of: EvaluatedTemplate.ecsCluster)
        ? " (\(EvaluatedTemplate.ecsCluster) misspelt: CloudFormation rejects the template)" : ""
      return .error(
        "\(entry.service.logicalID) runs in \(id), whose Type is \(resource.type), not \(EvaluatedTemplate.ecsCluster)\(misspelt); no cluster of this template holds its \(what)",
        at: resource.source.type.location, path: "Resources/\(id)/Type")
    }
    if !notClusters.isEmpty { return Verdict(findings: verdict.findings + notClusters, passNote: verdict.passNote) }
    guard verdict.status == .pass, !outside.isEmpty else { return verdict }
    let named = outside.map { "\($0.service.logicalID) runs in \($0.cluster.map { "cluster \($0.display)" } ?? "the account's default cluster (no Cluster)")" }
    let checked = verdict.status == .pass && !verdict.note.isEmpty ? "; the template's own clusters: \(verdict.note)" : ""
    return .needsEvidence(
      "\(named.joined(separator: "; ")), which this template does not define: its \(what) cannot be read from these files\(checked)",
      evidence: outside.map { $0.cluster?.location ?? $0.service.location })
  }
}

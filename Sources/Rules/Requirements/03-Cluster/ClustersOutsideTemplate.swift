import TemplateModel

extension RuleContext {
  /// `verdict` unless it passes while a service runs in a cluster this template does not
  /// define (`EvaluatedTemplate.serviceClusters`): then needs-evidence naming the
  /// services and clusters, since that cluster's `what` is set outside these files.
  func limited(_ verdict: Verdict, byClustersOutside outside: [(service: EvaluatedResource, cluster: EvaluatedNode?)], what: String) -> Verdict {
    guard verdict.status == .pass, !outside.isEmpty else { return verdict }
    let named = outside.map { "\($0.service.logicalID) runs in \($0.cluster.map { "cluster \($0.display)" } ?? "the account's default cluster (no Cluster)")" }
    let checked = verdict.status == .pass && !verdict.note.isEmpty ? "; the template's own clusters: \(verdict.note)" : ""
    return .needsEvidence(
      "\(named.joined(separator: "; ")), which this template does not define: its \(what) cannot be read from these files\(checked)",
      evidence: outside.map { $0.cluster?.location ?? $0.service.location })
  }
}

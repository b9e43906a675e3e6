import TemplateModel

/// Security groups attached by a value that names no resource of this template
/// (`sg-0123...`, `!ImportValue`, a parameter): the rules they add are set elsewhere.
/// A security group's rules add up over every group of the interface, so such a group
/// may open any port: a check of these files cannot pass, only fail on what it sees.
/// Reference: "Security group rules" (rules of all groups are aggregated),
/// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
struct ExternalSecurityGroups {
  var groups: [(owner: String, node: EvaluatedNode)] = []

  var isEmpty: Bool { groups.isEmpty }

  mutating func add(_ nodes: [EvaluatedNode], of owner: String) {
    groups += nodes.map { (owner, $0) }
  }

  /// `verdict`, or needs-evidence naming the groups when it would pass.
  func limit(_ verdict: Verdict) -> Verdict {
    guard verdict.status == .pass, !groups.isEmpty else { return verdict }
    let named = groups.map { "\($0.node.display) on \($0.owner) (\($0.node.location))" }
    return .needsEvidence(
      "security groups defined outside this template: \(named.joined(separator: ", ")); their rules cannot be read from these files\(verdict.note.isEmpty ? "" : "; the template's own groups: \(verdict.note)")",
      evidence: groups.map(\.node.location))
  }
}

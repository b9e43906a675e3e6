/// An evaluated template's resources by logical ID, and its IAM policy resources by the
/// roles they attach to (`AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` by `Roles`,
/// `AWS::IAM::RolePolicy` by `RoleName`): built in one pass, so the report stays linear
/// in resources on templates of thousands of roles.
struct ResourceIndex: Sendable {
  /// The offset of the first resource with each logical ID.
  var offsets: [String: Int] = [:]
  /// The offsets of the policy resources naming each role, in document order.
  var policiesByRole: [String: [Int]] = [:]

  init(_ resources: [EvaluatedResource]) {
    offsets.reserveCapacity(resources.count)
    for (offset, resource) in resources.enumerated() {
      if offsets[resource.logicalID] == nil { offsets[resource.logicalID] = offset }
      let roles: [EvaluatedNode]
      switch resource.type {
      case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy": roles = resource["Roles"]?.items ?? []
      case "AWS::IAM::RolePolicy": roles = resource["RoleName"].map { [$0] } ?? []
      default: continue
      }
      var named = Set<String>()
      for role in roles { role.collectMentionedResources(into: &named) }
      for role in named { policiesByRole[role, default: []].append(offset) }
    }
  }
}

/// An evaluated template's resources by logical ID and by type, its IAM policy resources
/// by the roles they attach to (`AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` by
/// `Roles`, `AWS::IAM::RolePolicy` by `RoleName`), and its Application Auto Scaling
/// targets and policies by what they scale: built in one pass, so the report stays
/// linear in resources on templates of thousands of roles, services or targets.
///
/// Every list of offsets is in document order, the order a scan of `resources` gives.
struct ResourceIndex: Sendable {
  /// The offset of the first resource with each logical ID.
  var offsets: [String: Int] = [:]
  /// The offsets of the resources of each type.
  var offsetsByType: [String: [Int]] = [:]
  /// The offsets of the policy resources naming each role.
  var policiesByRole: [String: [Int]] = [:]
  /// The offsets of the `ecs:service:DesiredCount` scalable targets whose `ResourceId`
  /// mentions each logical ID (`!Sub service/${Cluster}/${Service.Name}`).
  var serviceTargetsByMention: [String: [Int]] = [:]
  /// The offsets of the `ecs:service:DesiredCount` scalable targets whose `ResourceId` is
  /// a known string, by its last `/`-separated component (`service/cluster/NAME`).
  var serviceTargetsByName: [String: [Int]] = [:]
  /// The offsets of the scaling policies whose `ScalingTargetId` mentions each logical ID.
  var scalingPoliciesByTarget: [String: [Int]] = [:]
  /// The offsets of the scaling policies without `ScalingTargetId` (they name their target
  /// by namespace, dimension and resource ID), by their `ResourceId` as displayed.
  var scalingPoliciesByResourceID: [String: [Int]] = [:]

  static let scalableTarget = "AWS::ApplicationAutoScaling::ScalableTarget"
  static let scalingPolicy = "AWS::ApplicationAutoScaling::ScalingPolicy"
  /// The scalable dimension of an ECS service's task count.
  static let serviceDesiredCount = "ecs:service:DesiredCount"

  init(_ resources: [EvaluatedResource]) {
    offsets.reserveCapacity(resources.count)
    for (offset, resource) in resources.enumerated() {
      if offsets[resource.logicalID] == nil { offsets[resource.logicalID] = offset }
      offsetsByType[resource.type, default: []].append(offset)
      switch resource.type {
      case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
        Self.add(offset, mentionedBy: resource["Roles"]?.items ?? [], to: &policiesByRole)
      case "AWS::IAM::RolePolicy":
        Self.add(offset, mentionedBy: resource["RoleName"].map { [$0] } ?? [], to: &policiesByRole)
      case Self.scalableTarget:
        guard resource["ScalableDimension"]?.string == Self.serviceDesiredCount, let id = resource["ResourceId"] else { continue }
        Self.add(offset, mentionedBy: [id], to: &serviceTargetsByMention)
        if let text = id.string, let slash = text.lastIndex(of: "/") {
          serviceTargetsByName[String(text[text.index(after: slash)...]), default: []].append(offset)
        }
      case Self.scalingPolicy:
        if let target = resource["ScalingTargetId"] {
          Self.add(offset, mentionedBy: [target], to: &scalingPoliciesByTarget)
        } else if let id = resource["ResourceId"] {
          scalingPoliciesByResourceID[id.display, default: []].append(offset)
        }
      default:
        continue
      }
    }
  }

  /// Adds `offset` under every logical ID the nodes mention (once per ID).
  private static func add(_ offset: Int, mentionedBy nodes: [EvaluatedNode], to table: inout [String: [Int]]) {
    var named = Set<String>()
    for node in nodes { node.collectMentionedResources(into: &named) }
    for id in named { table[id, default: []].append(offset) }
  }
}

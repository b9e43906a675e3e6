/// An evaluated template's resources by logical ID and by type, and the resources that
/// name another in a property by that other's logical ID (`Relation`: the policies of a
/// role, the listeners of a load balancer, the scalable targets of a service, ...):
/// built in one pass, so that a rule asking about each of n resources costs n lookups,
/// not n scans, and the report stays linear on templates of thousands of resources.
///
/// Every list of offsets is in document order, the order a scan of `resources` gives.
struct ResourceIndex: Sendable {
  /// A relation between resources that one of them states by mentioning the other's
  /// logical ID (`!Ref`, `!GetAtt`, `${X}` in `Fn::Sub`) in one property.
  enum Relation: Sendable {
    /// `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` by `Roles`, `AWS::IAM::RolePolicy`
    /// by `RoleName`: the policies attached to a role.
    case rolePolicies
    /// `AWS::ElasticLoadBalancingV2::Listener` by `LoadBalancerArn`.
    case loadBalancerListeners
    /// `AWS::ElasticLoadBalancingV2::ListenerRule` by `ListenerArn`.
    case listenerRules
    /// `AWS::ApplicationAutoScaling::ScalingPolicy` by `ScalingTargetId`.
    case targetScalingPolicies
    /// `ecs:service:DesiredCount` scalable targets by `ResourceId`
    /// (`!Sub service/${Cluster}/${Service.Name}`).
    case serviceScalableTargets
    /// `AWS::EC2::SecurityGroupIngress` by `GroupId`.
    case groupIngressRules
    /// `AWS::EC2::SecurityGroupEgress` by `GroupId`.
    case groupEgressRules
  }

  /// The offset of the first resource with each logical ID.
  var offsets: [String: Int] = [:]
  /// The offsets of the resources of each type.
  var offsetsByType: [String: [Int]] = [:]
  /// For each relation, the offsets of the resources mentioning each logical ID.
  private var mentions: [Relation: [String: [Int]]] = [:]
  /// The offsets of the `ecs:service:DesiredCount` scalable targets whose `ResourceId` is
  /// a known string, by its last `/`-separated component (`service/cluster/NAME`).
  var serviceTargetsByName: [String: [Int]] = [:]
  /// The offsets of the scaling policies without `ScalingTargetId` (they name their target
  /// by namespace, dimension and resource ID), by their `ResourceId` as displayed (the
  /// same value always displays the same).
  var scalingPoliciesByResourceID: [String: [Int]] = [:]
  /// The offsets of the scaling policies without `ScalingTargetId` that no scalable
  /// target of the template decidedly has (`ScalingPolicyAttachment`: not the same
  /// namespace, dimension and resource ID as any), in document order: the only ones
  /// that may scale a target the files cannot attach them to. A policy attached to one
  /// target is not another's: a scalable target is identified by namespace, resource ID
  /// and dimension ("PutScalingPolicy", https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html),
  /// and a second `ScalableTarget` resource for the same three fails to create
  /// ("table/...|dynamodb:table:WriteCapacityUnits|dynamodb already exists",
  /// https://github.com/medikoo/serverless-plugin-dynamodb-autoscaling/issues/11).
  var unattachedScalingPolicies: [Int] = []

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
        add(offset, .rolePolicies, mentionedBy: resource["Roles"])
      case "AWS::IAM::RolePolicy":
        add(offset, .rolePolicies, mentionedBy: resource["RoleName"])
      case EvaluatedTemplate.listenerType:
        add(offset, .loadBalancerListeners, mentionedBy: resource["LoadBalancerArn"])
      case EvaluatedTemplate.listenerRuleType:
        add(offset, .listenerRules, mentionedBy: resource["ListenerArn"])
      case "AWS::EC2::SecurityGroupIngress":
        add(offset, .groupIngressRules, mentionedBy: resource["GroupId"])
      case "AWS::EC2::SecurityGroupEgress":
        add(offset, .groupEgressRules, mentionedBy: resource["GroupId"])
      case Self.scalableTarget:
        guard resource["ScalableDimension"]?.string == Self.serviceDesiredCount, let id = resource["ResourceId"] else { continue }
        add(offset, .serviceScalableTargets, mentionedBy: id)
        if let text = id.string, let slash = text.lastIndex(of: "/") {
          serviceTargetsByName[String(text[text.index(after: slash)...]), default: []].append(offset)
        }
      case Self.scalingPolicy:
        if let target = resource["ScalingTargetId"] {
          add(offset, .targetScalingPolicies, mentionedBy: target)
        } else if let id = resource["ResourceId"] {
          scalingPoliciesByResourceID[id.display, default: []].append(offset)
        }
      default:
        continue
      }
    }
    unattachedScalingPolicies = Self.unattached(scalingPoliciesByResourceID, targets: offsetsByType[Self.scalableTarget] ?? [], in: resources)
  }

  /// The policies of `byResourceID` whose values are the same as no target's. Each
  /// target compares with the policies of its own `ResourceId` display only (the same
  /// value always displays the same), so this costs one lookup per target.
  private static func unattached(_ byResourceID: [String: [Int]], targets: [Int], in resources: [EvaluatedResource]) -> [Int] {
    guard !byResourceID.isEmpty else { return [] }
    var attached = Set<Int>()
    for offset in targets {
      let target = resources[offset]
      guard let id = target["ResourceId"], let policies = byResourceID[id.display] else { continue }
      for policy in policies where ScalingPolicyAttachment(policy: resources[policy], target: target).comparison == .same {
        attached.insert(policy)
      }
    }
    return byResourceID.values.joined().filter { !attached.contains($0) }.sorted()
  }

  /// The offsets of the resources that state `relation` to `logicalID`, in document order.
  func offsets(_ relation: Relation, of logicalID: String) -> [Int] {
    mentions[relation]?[logicalID] ?? []
  }

  /// Adds `offset` under every logical ID `node` mentions (once per ID).
  private mutating func add(_ offset: Int, _ relation: Relation, mentionedBy node: EvaluatedNode?) {
    guard let node else { return }
    for id in node.mentionedResources { mentions[relation, default: [:]][id, default: []].append(offset) }
  }
}

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
  /// namespace, dimension and resource ID as any), by their `ServiceNamespace` and
  /// `ScalableDimension` when both are known strings (`scalingKind`; nil: either is
  /// symbolic), each in document order: the only policies that may scale a target the
  /// files cannot attach them to. A policy attached to one target is not another's: a
  /// scalable target is identified by namespace, resource ID and dimension
  /// ("PutScalingPolicy", https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html),
  /// and a second `ScalableTarget` resource for the same three fails to create
  /// ("table/...|dynamodb:table:WriteCapacityUnits|dynamodb already exists",
  /// https://github.com/medikoo/serverless-plugin-dynamodb-autoscaling/issues/11).
  var unattachedScalingPolicies: [String?: [Int]] = [:]
  /// All of `unattachedScalingPolicies`, in document order.
  var allUnattachedScalingPolicies: [Int] = []

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
    allUnattachedScalingPolicies = unattachedScalingPolicies.values.joined().sorted()
  }

  /// The policies of `byResourceID` with all three properties whose values are the same
  /// as no target's, by `scalingKind`. Each target compares with the policies of its own
  /// `ResourceId` display only (the same value always displays the same), so this costs
  /// one lookup per target.
  private static func unattached(_ byResourceID: [String: [Int]], targets: [Int], in resources: [EvaluatedResource]) -> [String?: [Int]] {
    guard !byResourceID.isEmpty else { return [:] }
    var attached = Set<Int>()
    for offset in targets {
      let target = resources[offset]
      guard let id = target["ResourceId"], let policies = byResourceID[id.display] else { continue }
      for policy in policies where ScalingPolicyAttachment(policy: resources[policy], target: target).comparison == .same {
        attached.insert(policy)
      }
    }
    var byKind: [String?: [Int]] = [:]
    for offset in byResourceID.values.joined().sorted() where !attached.contains(offset) {
      let policy = resources[offset]
      guard policy["ServiceNamespace"] != nil, policy["ScalableDimension"] != nil else { continue }
      byKind[scalingKind(policy), default: []].append(offset)
    }
    return byKind
  }

  /// `ServiceNamespace` and `ScalableDimension` of a scalable target or scaling policy
  /// when both are known strings (`ecs ecs:service:DesiredCount`).
  static func scalingKind(_ resource: EvaluatedResource) -> String? {
    guard let namespace = resource["ServiceNamespace"]?.string, let dimension = resource["ScalableDimension"]?.string else { return nil }
    return namespace + " " + dimension
  }

  /// The offsets of the policies of `unattachedScalingPolicies` that may name a target
  /// of `kind` (nil: any): those of its kind, then those of a symbolic kind. Each list
  /// starts with the policies after `offset` in the document (a policy is usually written
  /// next to its target), then goes on from the top. Lazy: nothing is copied.
  func unattachedScalingPolicies(ofKind kind: String?, after offset: Int) -> some Sequence<Int> {
    let lists = kind.map { kind in [unattachedScalingPolicies[kind] ?? [], unattachedScalingPolicies[nil] ?? []] }
      ?? [allUnattachedScalingPolicies]
    return lists.lazy.flatMap { list in
      // The first position past `offset` (the list is sorted).
      var (low, high) = (0, list.count)
      while low < high {
        let middle = (low + high) / 2
        if list[middle] <= offset { low = middle + 1 } else { high = middle }
      }
      return [list[low...], list[..<low]].joined()
    }
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

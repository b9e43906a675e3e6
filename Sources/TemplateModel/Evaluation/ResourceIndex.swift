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
  /// by namespace, dimension and resource ID), by their `ResourceId` with `knownNames`
  /// substituted, as displayed (the same value always displays the same).
  var scalingPoliciesByResourceID: [String: [Int]] = [:]
  /// The names of ECS clusters and services that their properties give: `!Ref Cluster`
  /// is the cluster's `ClusterName`, `!GetAtt Service.Name` the service's `ServiceName`
  /// ("AWS::ECS::Cluster" and "AWS::ECS::Service", Return values,
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-cluster.html#aws-resource-ecs-cluster-return-values,
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#aws-resource-ecs-service-return-values),
  /// the parts of an ECS scalable target's resource ID (`service/CLUSTER/SERVICE`).
  var knownNames: [Unresolved: String] = [:]
  /// The scaling policies without `ScalingTargetId` that no scalable target of the
  /// template decidedly has, grouped for lookups by target.
  var unattachedScalingPolicies = UnattachedScalingPolicies()

  static let scalableTarget = "AWS::ApplicationAutoScaling::ScalableTarget"
  static let scalingPolicy = "AWS::ApplicationAutoScaling::ScalingPolicy"
  /// The scalable dimension of an ECS service's task count.
  static let serviceDesiredCount = "ecs:service:DesiredCount"

  init(_ resources: [EvaluatedResource]) {
    offsets.reserveCapacity(resources.count)
    var policiesByValue: [Int] = []
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
        } else if resource["ResourceId"] != nil {
          policiesByValue.append(offset)
        }
      case EvaluatedTemplate.ecsService:
        guard let name = resource["ServiceName"]?.string else { continue }
        knownNames[.attribute(resource.logicalID, "Name")] = knownNames[.attribute(resource.logicalID, "Name")] ?? name
      case EvaluatedTemplate.ecsCluster:
        guard let name = resource["ClusterName"]?.string else { continue }
        knownNames[.resource(resource.logicalID)] = knownNames[.resource(resource.logicalID)] ?? name
      default:
        continue
      }
    }
    for offset in policiesByValue {
      guard let id = resources[offset]["ResourceId"] else { continue }
      scalingPoliciesByResourceID[id.substituting(knownNames).display, default: []].append(offset)
    }
    unattachedScalingPolicies = unattached(targets: offsetsByType[Self.scalableTarget] ?? [], in: resources)
  }

  /// The policies of `scalingPoliciesByResourceID` with all three properties whose
  /// values are the same as no target's. Each target compares with the policies of its
  /// own `ResourceId` display only (the same value always displays the same), so this
  /// costs one lookup per target.
  private func unattached(targets: [Int], in resources: [EvaluatedResource]) -> UnattachedScalingPolicies {
    guard !scalingPoliciesByResourceID.isEmpty else { return UnattachedScalingPolicies() }
    var attached = Set<Int>()
    for offset in targets {
      let target = resources[offset]
      for policy in scalingPolicies(sharingResourceIDWith: target)
      where ScalingPolicyAttachment.compare(resources[policy], target, knownValues: knownNames).0 == .same {
        attached.insert(policy)
      }
    }
    let offsets = scalingPoliciesByResourceID.values.joined().sorted().filter { offset in
      !attached.contains(offset) && resources[offset]["ServiceNamespace"] != nil && resources[offset]["ScalableDimension"] != nil
    }
    return UnattachedScalingPolicies(offsets, in: resources, knownNames: knownNames)
  }

  /// The offsets of the scaling policies of `scalingPoliciesByResourceID` whose resource
  /// ID displays as `target`'s (with `knownNames` substituted in both): the only ones
  /// that can have the same value.
  func scalingPolicies(sharingResourceIDWith target: EvaluatedResource) -> [Int] {
    target["ResourceId"].flatMap { scalingPoliciesByResourceID[$0.substituting(knownNames).display] } ?? []
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

import Diagnostics

/// A container definition of a task definition.
public struct ContainerDefinition: Sendable {
  public var taskDefinition: String
  public var index: Int
  public var node: EvaluatedNode

  public var name: String? { node["Name"]?.string }
  public var location: SourceLocation { node.location }
  public var path: String { "Resources/\(taskDefinition)/Properties/ContainerDefinitions/\(index)" }
  public subscript(key: String) -> EvaluatedNode? { node[key] }
  public var portMappings: [EvaluatedNode] { node["PortMappings"]?.list ?? [] }
}

extension EvaluatedTemplate {
  public static let ecsService = "AWS::ECS::Service"
  public static let ecsCluster = "AWS::ECS::Cluster"
  public static let ecsTaskDefinition = "AWS::ECS::TaskDefinition"
  /// The type of the log group a container's `awslogs` driver writes to.
  public static let logGroupType = "AWS::Logs::LogGroup"

  public var services: [EvaluatedResource] { resources(ofType: Self.ecsService) }
  public var taskDefinitions: [EvaluatedResource] { resources(ofType: Self.ecsTaskDefinition) }
  public var clusters: [EvaluatedResource] { resources(ofType: Self.ecsCluster) }

  /// The task definition a service runs, when it is an `AWS::ECS::TaskDefinition` of this
  /// template.
  public func taskDefinition(of service: EvaluatedResource) -> EvaluatedResource? {
    resource(referencedBy: service["TaskDefinition"], ofType: Self.ecsTaskDefinition)
  }

  /// The cluster a service runs in, when it is an `AWS::ECS::Cluster` of this template (a
  /// reference to a resource of another Type, a misspelt one among them, is not a cluster).
  public func cluster(of service: EvaluatedResource) -> EvaluatedResource? {
    resource(referencedBy: service["Cluster"], ofType: Self.ecsCluster)
  }

  /// The clusters the services of this template run in (`serviceReferences`; every
  /// cluster of the template when it has no service). An outside `Cluster` may be absent:
  /// the service runs in the account's `default` cluster.
  public var serviceClusters: ServiceReferences {
    serviceReferences("Cluster", ofType: Self.ecsCluster, whenNoService: clusters)
  }

  /// The task definitions the services of this template run (`serviceReferences`; every
  /// task definition of the template when it has no service). A task definition no
  /// service runs is not the one deployed, so its settings decide nothing.
  public var serviceTaskDefinitions: ServiceReferences {
    serviceReferences("TaskDefinition", ofType: Self.ecsTaskDefinition, whenNoService: taskDefinitions)
  }

  /// What the services name in `property`: the resources of `type` of this template, each
  /// once in document order of first use, and the values that are not one (a name or
  /// ARN, a parameter, an import, a nested stack's output, a resource of another Type, or
  /// absent: nil). `values`: a service's values of `property` when it may have several
  /// (default: the service's one `property`). `whenNoService`: the answer for a template
  /// without services.
  func serviceReferences(
    _ property: String, ofType type: String, whenNoService: [EvaluatedResource],
    values: ((EvaluatedResource) -> [EvaluatedNode])? = nil
  ) -> ServiceReferences {
    guard !services.isEmpty else { return ServiceReferences(inTemplate: whenNoService, outside: []) }
    var references = ServiceReferences(inTemplate: [], outside: [])
    var seen = Set<String>()
    for service in services {
      for value in values.map({ $0(service).map(Optional.some) }) ?? [service[property]] {
        if let resource = resource(referencedBy: value, ofType: type) {
          if seen.insert(resource.logicalID).inserted { references.inTemplate.append(resource) }
        } else {
          references.outside.append(OutsideReference(service: service, property: property, value: value))
        }
      }
    }
    return references
  }

  public func containers(of taskDefinition: EvaluatedResource) -> [ContainerDefinition] {
    (taskDefinition["ContainerDefinitions"]?.list ?? []).enumerated().map {
      ContainerDefinition(taskDefinition: taskDefinition.logicalID, index: $0.offset, node: $0.element)
    }
  }

  /// The containers of the task definitions this template's services run
  /// (`serviceTaskDefinitions`: of every task definition when there is no service; none
  /// of a task definition defined elsewhere).
  public var serviceContainers: [ContainerDefinition] {
    serviceTaskDefinitions.inTemplate.flatMap { containers(of: $0) }
  }

  /// Application Auto Scaling targets that scale `service`'s DesiredCount
  /// (`ScalableDimension: ecs:service:DesiredCount`): their `ResourceId` mentions the
  /// service (`!Sub service/${Cluster}/${Service.Name}`) or is a string ending in
  /// `/NAME` where NAME is the service's `ServiceName`. In document order.
  public func scalableTargets(of service: EvaluatedResource) -> [EvaluatedResource] {
    var offsets = index.offsets(.serviceScalableTargets, of: service.logicalID)
    if let name = service["ServiceName"]?.string, let named = index.serviceTargetsByName[name] {
      offsets = Array(Set(offsets).union(named)).sorted()
    }
    return resources(at: offsets)
  }

  /// Scaling policies attached to a scalable target: by `ScalingTargetId`, or by the
  /// same `ServiceNamespace`, `ScalableDimension` and `ResourceId` (the other way the
  /// policy may name its target; `ScalingPolicyAttachment` is `.same`, with the ECS
  /// cluster and service names the template gives: `ResourceIndex.knownNames`). Values
  /// are compared as written after evaluation, not by where they are written. In
  /// document order. Reference: "AWS::ApplicationAutoScaling::ScalingPolicy",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalingpolicy.html
  public func scalingPolicies(of target: EvaluatedResource) -> [EvaluatedResource] {
    let byID = index.offsets(.targetScalingPolicies, of: target.logicalID)
    let byValue = index.scalingPolicies(sharingResourceIDWith: target).filter { offset in
      ScalingPolicyAttachment.compare(resources[offset], target, knownValues: index.knownNames).0 == .same
    }
    return resources(at: byValue.isEmpty ? byID : (byID + byValue).sorted())
  }

  /// The scaling policies that name their target by value and are attached to no target
  /// of the template (`UnattachedScalingPolicies`) whose known text does not rule
  /// `target` out (the same namespace and dimension, and the same last component of the
  /// resource ID, or symbolic ones), each compared with `target`
  /// (`ScalingPolicyAttachment`: `.different` or `.undecided`). Lazily, each step one
  /// comparison: first the policies written after the target (a policy is usually
  /// written next to its target), then those from the top of the document. None when
  /// the template attaches every policy it has.
  public func unattachedScalingPolicies(comparedWith target: EvaluatedResource) -> LazyMapSequence<ScalingPolicyCandidates, ScalingPolicyAttachment> {
    let key = UnattachedScalingPolicies.Key(target, knownNames: index.knownNames)
    let offsets = index.unattachedScalingPolicies.candidates(for: key, after: index.offsets[target.logicalID] ?? -1)
    return offsets.lazy.map { [resources, index] offset in ScalingPolicyAttachment(policy: resources[offset], target: target, knownValues: index.knownNames) }
  }

  /// Scaling policies that may be attached to a scalable target, though these files
  /// cannot tell: of `unattachedScalingPolicies(comparedWith:)`, those whose values can
  /// only be compared with the target's at deploy time (`.undecided`:
  /// `ResourceId: !Sub service/prod-cluster/${Service.Name}` against the target's
  /// `!Sub service/${Cluster}/${Service.Name}`), lazily, in that order.
  public func undecidedScalingPolicies(of target: EvaluatedResource) -> LazyFilterSequence<LazyMapSequence<ScalingPolicyCandidates, ScalingPolicyAttachment>> {
    unattachedScalingPolicies(comparedWith: target).lazy.filter { $0.comparison == .undecided }
  }

  /// The load balancer entries of a service (`LoadBalancers`).
  public func loadBalancerBindings(of service: EvaluatedResource) -> [EvaluatedNode] {
    service["LoadBalancers"]?.list ?? []
  }
}

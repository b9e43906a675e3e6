extension EvaluatedTemplate {
  public static let loadBalancerType = "AWS::ElasticLoadBalancingV2::LoadBalancer"
  public static let listenerType = "AWS::ElasticLoadBalancingV2::Listener"
  public static let targetGroupType = "AWS::ElasticLoadBalancingV2::TargetGroup"
  public static let listenerRuleType = "AWS::ElasticLoadBalancingV2::ListenerRule"

  public var loadBalancers: [EvaluatedResource] { resources(ofType: Self.loadBalancerType) }
  public var targetGroups: [EvaluatedResource] { resources(ofType: Self.targetGroupType) }

  /// Listeners of `loadBalancer` (by `LoadBalancerArn`).
  public func listeners(of loadBalancer: EvaluatedResource) -> [EvaluatedResource] {
    resources(at: index.offsets(.loadBalancerListeners, of: loadBalancer.logicalID))
  }

  /// Listener rules attached to `listener` (by `ListenerArn`): each sends the requests
  /// matching its conditions to its own `Actions` instead of the listener's default.
  /// Reference: "AWS::ElasticLoadBalancingV2::ListenerRule",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listenerrule.html
  public func listenerRules(of listener: EvaluatedResource) -> [EvaluatedResource] {
    resources(at: index.offsets(.listenerRules, of: listener.logicalID))
  }

  /// Target groups the services of this template register with.
  public var serviceTargetGroups: [EvaluatedResource] {
    services.flatMap { loadBalancerBindings(of: $0) }.compactMap { resource(referencedBy: $0["TargetGroupArn"], ofType: Self.targetGroupType) }
  }

  /// Security groups (logical IDs of this template) attached to a load balancer.
  public func securityGroups(of loadBalancer: EvaluatedResource) -> [String] {
    (loadBalancer["SecurityGroups"]?.list ?? []).compactMap(\.referencedResource)
  }

  /// Security groups (logical IDs) attached to a service's tasks.
  public func securityGroups(ofService service: EvaluatedResource) -> [String] {
    (service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["SecurityGroups"]?.list ?? []).compactMap(\.referencedResource)
  }

  /// Security groups attached to a load balancer that are not resources of this
  /// template (`sg-0123...`, `!ImportValue`, a parameter): their rules are set elsewhere.
  public func externalSecurityGroups(of loadBalancer: EvaluatedResource) -> [EvaluatedNode] {
    externalGroups(loadBalancer["SecurityGroups"]?.list ?? [])
  }

  /// Security groups attached to a service's tasks that are not resources of this template.
  public func externalSecurityGroups(ofService service: EvaluatedResource) -> [EvaluatedNode] {
    externalGroups(service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["SecurityGroups"]?.list ?? [])
  }

  /// The values that name no resource of this template; an undecided `Fn::If` counts by
  /// its branches.
  private func externalGroups(_ items: [EvaluatedNode]) -> [EvaluatedNode] {
    var external: [EvaluatedNode] = []
    var pending = items
    while let node = pending.popLast() {
      if case .conditional(_, let then, let otherwise) = node.unresolved {
        pending += [then, otherwise].compactMap { $0 }
      } else if let items = node.list {
        pending += items
      } else if node.referencedResource.flatMap({ resource($0) }) == nil {
        external.insert(node, at: 0)
      }
    }
    return external
  }

  /// Subnets (nodes) a service's tasks are placed in.
  public func subnets(ofService service: EvaluatedResource) -> [EvaluatedNode] {
    service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["Subnets"]?.items ?? []
  }
}

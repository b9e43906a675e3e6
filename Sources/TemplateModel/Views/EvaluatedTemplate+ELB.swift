extension EvaluatedTemplate {
  public static let loadBalancerType = "AWS::ElasticLoadBalancingV2::LoadBalancer"
  public static let listenerType = "AWS::ElasticLoadBalancingV2::Listener"
  public static let targetGroupType = "AWS::ElasticLoadBalancingV2::TargetGroup"

  public var loadBalancers: [EvaluatedResource] { resources(ofType: Self.loadBalancerType) }
  public var targetGroups: [EvaluatedResource] { resources(ofType: Self.targetGroupType) }

  /// Listeners of `loadBalancer` (by `LoadBalancerArn`).
  public func listeners(of loadBalancer: EvaluatedResource) -> [EvaluatedResource] {
    resources(ofType: Self.listenerType).filter { $0["LoadBalancerArn"]?.mentions(loadBalancer.logicalID) == true }
  }

  /// Target groups the services of this template register with.
  public var serviceTargetGroups: [EvaluatedResource] {
    services.flatMap { loadBalancerBindings(of: $0) }.compactMap { resource(referencedBy: $0["TargetGroupArn"]) }
  }

  /// Security groups (logical IDs of this template) attached to a load balancer.
  public func securityGroups(of loadBalancer: EvaluatedResource) -> [String] {
    (loadBalancer["SecurityGroups"]?.list ?? []).compactMap(\.referencedResource)
  }

  /// Security groups (logical IDs) attached to a service's tasks.
  public func securityGroups(ofService service: EvaluatedResource) -> [String] {
    (service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["SecurityGroups"]?.list ?? []).compactMap(\.referencedResource)
  }

  /// Subnets (nodes) a service's tasks are placed in.
  public func subnets(ofService service: EvaluatedResource) -> [EvaluatedNode] {
    service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["Subnets"]?.items ?? []
  }
}

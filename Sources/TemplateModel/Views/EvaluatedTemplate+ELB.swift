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

  /// The load balancers with a listener, or a listener rule, that mentions one of
  /// `groups` (target groups' logical IDs) in its properties or actions.
  public func loadBalancers(forwardingToAnyOf groups: Set<String>) -> [EvaluatedResource] {
    loadBalancers.filter { balancer in
      listeners(of: balancer).contains { listener in
        !listener.properties.entries.allSatisfy { $0.value.mentionedResources.isDisjoint(with: groups) }
          || listenerRules(of: listener).contains { rule in rule["Actions"].map { !$0.mentionedResources.isDisjoint(with: groups) } ?? false }
      }
    }
  }

  /// The load balancers in front of the services (`loadBalancers(forwardingToAnyOf:)`
  /// `serviceTargetGroups`), or every load balancer of the template when none is (no
  /// service, or services registered only with target groups defined elsewhere): a
  /// template's one load balancer is still judged, and a second one that serves
  /// something else is not taken for the services'.
  public var serviceLoadBalancers: [EvaluatedResource] {
    let serving = loadBalancers(forwardingToAnyOf: Set(serviceTargetGroups.map(\.logicalID)))
    return serving.isEmpty ? loadBalancers : serving
  }

  /// The listeners on `port` of the load balancers in front of the services
  /// (`serviceLoadBalancers`): a listener of another load balancer serves something else.
  public func serviceListeners(onPort port: Int) -> [EvaluatedResource] {
    serviceLoadBalancers.flatMap { listeners(of: $0) }.filter { $0["Port"]?.int == port }
  }

  /// Target groups of this template the services register with.
  public var serviceTargetGroups: [EvaluatedResource] { serviceTargetGroupReferences.inTemplate }

  /// The target groups the services register with (each `LoadBalancers` entry's
  /// `TargetGroupArn`): those of this template, each once, and the entries that name one
  /// defined elsewhere (an import, a parameter, an ARN, a nested stack's output) or a
  /// resource of another Type. Entries without `TargetGroupArn` (a Classic Load Balancer's
  /// `LoadBalancerName`) register with no target group and are left out.
  public var serviceTargetGroupReferences: ServiceReferences {
    serviceReferences("TargetGroupArn", ofType: Self.targetGroupType, whenNoService: []) { service in
      self.loadBalancerBindings(of: service).compactMap { $0["TargetGroupArn"] }
    }
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

import Diagnostics

/// Where ECS places a service's tasks, as the template decides it: the service's
/// `LaunchType` when it sets one (capacity providers then do not apply at all), else the
/// service's own `CapacityProviderStrategy`, else its cluster's
/// `DefaultCapacityProviderStrategy`.
///
/// Reference: "Amazon ECS capacity providers" and the `LaunchType` and
/// `CapacityProviderStrategy` properties of AWS::ECS::Service,
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
/// and https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html
public enum TaskPlacement: Sendable {
  /// The service sets `LaunchType` (`FARGATE`, `EC2`, `EXTERNAL`), which bypasses every
  /// capacity provider strategy. `alsoHasStrategy`: it sets `CapacityProviderStrategy`
  /// too, which ECS rejects.
  case launchType(EvaluatedNode, alsoHasStrategy: Bool)
  /// A capacity provider strategy applies.
  case strategy(CapacityProviderStrategy)
  /// No strategy of its own, and its cluster (`Cluster` property, or the account's
  /// `default` cluster when absent) is not a resource of this template.
  case clusterOutsideTemplate(EvaluatedNode?)
  /// No strategy of its own, and its cluster has no `DefaultCapacityProviderStrategy`.
  case noDefaultStrategy(cluster: EvaluatedResource)
}

extension EvaluatedTemplate {
  /// How `service`'s tasks are placed.
  public func placement(of service: EvaluatedResource) -> TaskPlacement {
    if let launchType = service["LaunchType"] {
      return .launchType(launchType, alsoHasStrategy: service["CapacityProviderStrategy"] != nil)
    }
    if let own = service["CapacityProviderStrategy"], let list = own.list, !list.isEmpty {
      return .strategy(CapacityProviderStrategy(items: list.map(CapacityProviderStrategy.Item.init), origin: .service, location: own.location))
    }
    guard let cluster = cluster(of: service) else { return .clusterOutsideTemplate(service["Cluster"]) }
    guard let defaults = cluster["DefaultCapacityProviderStrategy"], let list = defaults.list, !list.isEmpty else {
      return .noDefaultStrategy(cluster: cluster)
    }
    return .strategy(CapacityProviderStrategy(items: list.map(CapacityProviderStrategy.Item.init), origin: .clusterDefault, location: defaults.location))
  }
}

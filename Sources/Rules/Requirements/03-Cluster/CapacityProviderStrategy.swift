import Diagnostics
import TemplateModel

extension CapacityProviderStrategy {
  /// The strategy that really places `service`'s tasks (`EvaluatedTemplate.placement(of:)`),
  /// or the finding that says why none applies: a `LaunchType` bypasses capacity
  /// providers; a service without a strategy in a cluster without a default one runs on
  /// the default launch type.
  /// Reference: "Amazon ECS capacity providers",
  /// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
  static func of(_ service: EvaluatedResource, in template: EvaluatedTemplate) -> Result<CapacityProviderStrategy, Finding> {
    switch template.placement(of: service) {
    case .strategy(let strategy):
      return .success(strategy)
    case .launchType(let launchType, let both):
      return .failure(.error(
        both
          ? "\(service.logicalID) sets both LaunchType \(launchType.display) and CapacityProviderStrategy; ECS rejects the service (\"Specifying both a launch type and capacity provider strategy is not supported\")"
          : "\(service.logicalID) sets LaunchType \(launchType.display), which bypasses capacity providers: the cluster's strategy (FARGATE_SPOT) is never applied",
        at: launchType.location, path: "Resources/\(service.logicalID)/Properties/LaunchType"))
    case .clusterOutsideTemplate(let cluster):
      return .failure(.error("\(service.logicalID) has no CapacityProviderStrategy and its cluster \(cluster?.display ?? "(default cluster)") is not defined in this template; its strategy cannot be checked", at: cluster?.location ?? service.location))
    case .noDefaultStrategy(let cluster):
      return .failure(.error("\(service.logicalID) has no CapacityProviderStrategy and cluster \(cluster.logicalID) has no DefaultCapacityProviderStrategy; tasks run on the default launch type", at: cluster.location))
    }
  }
}

import Diagnostics
import TemplateModel

/// The capacity provider strategy that really places a service's tasks: the service's
/// own `CapacityProviderStrategy`, else its cluster's `DefaultCapacityProviderStrategy`
/// — unless the service sets `LaunchType`, which bypasses capacity providers entirely.
/// Reference: "Amazon ECS capacity providers" and the `LaunchType` property of
/// AWS::ECS::Service, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
struct CapacityProviderStrategy {
  struct Item {
    var provider: String
    var base: Int
    var weight: Int
    var location: SourceLocation
  }

  enum Origin { case service, clusterDefault }

  var items: [Item]
  var origin: Origin
  var location: SourceLocation

  /// The strategy of `service`, or why there is none.
  static func of(_ service: EvaluatedResource, in template: EvaluatedTemplate) -> Result<CapacityProviderStrategy, Finding> {
    if let launchType = service["LaunchType"] {
      let both = service["CapacityProviderStrategy"] != nil
      return .failure(.error(
        both
          ? "\(service.logicalID) sets both LaunchType \(launchType.display) and CapacityProviderStrategy; ECS rejects the service (\"Specifying both a launch type and capacity provider strategy is not supported\")"
          : "\(service.logicalID) sets LaunchType \(launchType.display), which bypasses capacity providers: the cluster's strategy (FARGATE_SPOT) is never applied",
        at: launchType.location, path: "Resources/\(service.logicalID)/Properties/LaunchType"))
    }
    if let own = service["CapacityProviderStrategy"], let list = own.list, !list.isEmpty {
      return .success(CapacityProviderStrategy(items: list.map(item), origin: .service, location: own.location))
    }
    guard let cluster = template.cluster(of: service) else {
      return .failure(.error("\(service.logicalID) has no CapacityProviderStrategy and its cluster \(service["Cluster"]?.display ?? "(default cluster)") is not defined in this template; its strategy cannot be checked", at: service["Cluster"]?.location ?? service.location))
    }
    guard let defaults = cluster["DefaultCapacityProviderStrategy"]?.list, !defaults.isEmpty else {
      return .failure(.error("\(service.logicalID) has no CapacityProviderStrategy and cluster \(cluster.logicalID) has no DefaultCapacityProviderStrategy; tasks run on the default launch type", at: cluster.location))
    }
    return .success(CapacityProviderStrategy(items: defaults.map(item), origin: .clusterDefault, location: cluster["DefaultCapacityProviderStrategy"]!.location))
  }

  private static func item(_ node: EvaluatedNode) -> Item {
    Item(provider: node["CapacityProvider"]?.string ?? node["CapacityProvider"]?.display ?? "?",
         base: node["Base"]?.int ?? 0, weight: node["Weight"]?.int ?? 0, location: node.location)
  }

  func item(_ provider: String) -> Item? { items.first { $0.provider == provider } }

  var display: String {
    items.map { "\($0.provider) base \($0.base) weight \($0.weight)" }.joined(separator: ", ")
  }
}

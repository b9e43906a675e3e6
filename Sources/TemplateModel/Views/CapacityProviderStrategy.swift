import Diagnostics

/// A capacity provider strategy as the template writes it (a service's own, or its
/// cluster's default): items of `CapacityProvider`, `Base` (default 0) and `Weight`
/// (default 0).
///
/// Reference: AWS::ECS::Service CapacityProviderStrategyItem,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-capacityproviderstrategyitem.html
/// ("The base value designates how many tasks, at a minimum, to run on the specified
/// capacity provider"; "The weight value is taken into consideration after the base value,
/// if defined, is satisfied").
public struct CapacityProviderStrategy: Sendable {
  public struct Item: Sendable {
    public var provider: String
    public var base: Int
    public var weight: Int
    public var location: SourceLocation

    public init(provider: String, base: Int, weight: Int, location: SourceLocation) {
      self.provider = provider
      self.base = base
      self.weight = weight
      self.location = location
    }

    init(_ node: EvaluatedNode) {
      self.init(
        provider: node["CapacityProvider"]?.string ?? node["CapacityProvider"]?.display ?? "?",
        base: node["Base"]?.int ?? 0, weight: node["Weight"]?.int ?? 0, location: node.location)
    }
  }

  /// Whose strategy it is.
  public enum Origin: Sendable { case service, clusterDefault }

  /// Tasks placed on one capacity provider.
  public struct Share: Sendable, Equatable {
    public var provider: String
    /// Tasks on this provider; fractional when the weights do not divide the tasks above
    /// the base evenly (the proportion ECS aims at, not one moment's integer placement).
    public var tasks: Double
  }

  public var items: [Item]
  public var origin: Origin
  public var location: SourceLocation

  public init(items: [Item], origin: Origin, location: SourceLocation) {
    self.items = items
    self.origin = origin
    self.location = location
  }

  public func item(_ provider: String) -> Item? { items.first { $0.provider == provider } }

  /// "FARGATE base 2 weight 0, FARGATE_SPOT base 0 weight 1".
  public var display: String {
    items.map { "\($0.provider) base \($0.base) weight \($0.weight)" }.joined(separator: ", ")
  }

  /// How `tasks` running tasks are spread: bases first (in strategy order), then the rest
  /// in proportion to the weights.
  ///
  /// - Returns: one share per provider with tasks (strategy order), and the tasks no
  ///   provider takes (every weight 0 and the bases exhausted; ECS rejects such a
  ///   strategy, so they are reported rather than guessed).
  public func split(tasks: Int) -> (shares: [Share], unplaced: Double) {
    var placed = items.map { Share(provider: $0.provider, tasks: 0) }
    var remaining = Double(max(tasks, 0))
    for (index, item) in items.enumerated() where item.base > 0 && remaining > 0 {
      let taken = min(Double(item.base), remaining)
      placed[index].tasks += taken
      remaining -= taken
    }
    let totalWeight = items.map { max($0.weight, 0) }.reduce(0, +)
    if remaining > 0 && totalWeight > 0 {
      for (index, item) in items.enumerated() where item.weight > 0 {
        placed[index].tasks += remaining * Double(item.weight) / Double(totalWeight)
      }
      remaining = 0
    }
    return (placed.filter { $0.tasks > 0 }, remaining)
  }
}

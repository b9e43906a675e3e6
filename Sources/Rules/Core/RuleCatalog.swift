/// Every rule vibe-rules runs, group by group in requirement order. A plain list: adding a
/// rule means adding it to its group's list (in the group's folder). The catalogue test
/// checks that ids are unique and that every rule has passing and failing examples.
public enum RuleCatalog {
  public static let all: [any Rule] =
    containerImage + imageRegistry + cluster + taskDefinition + loadBalancer + service + autoScaling
    + network + monitoring + infrastructureAsCode + deployScript + cost

  /// The rule with `id`, if any.
  public static func rule(_ id: String) -> (any Rule)? { all.first { $0.definition.id == id } }
}

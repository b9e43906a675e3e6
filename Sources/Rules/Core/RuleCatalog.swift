/// Every rule vibe-rules runs, in requirement order. A plain list: adding a rule means
/// adding it here (the catalogue test checks ids are unique and every rule has passing
/// and failing examples).
public enum RuleCatalog {
  public static let all: [any Rule] = [
  ]
}

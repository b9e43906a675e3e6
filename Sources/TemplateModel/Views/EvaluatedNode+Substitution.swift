extension EvaluatedNode {
  /// The value with the symbolic parts `known` gives a text for replaced by that text,
  /// as a whole value, inside an `Fn::Sub` or `Fn::Join` (`service/${Cluster}/${Service.Name}`
  /// with `[.resource("Cluster"): "main", .attribute("Service", "Name"): "web"]` is the
  /// string `service/main/web`; with only the first, `service/main/${Service.Name}`), and
  /// in the branches of an undecided `Fn::If`. Lists and mappings are kept as they are.
  /// Locations are kept.
  func substituting(_ known: [Unresolved: String]) -> EvaluatedNode {
    guard !known.isEmpty, case .unresolved(let what) = value else { return self }
    if let text = known[what] { return EvaluatedNode(.scalar(.string(text)), at: location) }
    switch what {
    case .concatenation(let parts):
      let replaced = parts.map { $0.substituting(known) }
      guard replaced.allSatisfy({ $0.scalar != nil }) else { return EvaluatedNode(.unresolved(.concatenation(replaced)), at: location) }
      // `Fn::Join` and `Fn::Sub` write a null as nothing.
      let text = replaced.map { $0.scalar.map { $0.kind == .null ? "" : $0.text } ?? "" }.joined()
      return EvaluatedNode(.scalar(.string(text)), at: location)
    case .conditional(let condition, let then, let otherwise):
      return EvaluatedNode(.unresolved(.conditional(condition: condition, then: then?.substituting(known), otherwise: otherwise?.substituting(known))), at: location)
    default:
      return self
    }
  }
}

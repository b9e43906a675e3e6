/// Pipelines joined by `&&` and `||` (Bash Reference Manual, 3.2.4 "Lists of Commands").
/// `a && b` runs b only when a succeeds; `a || b` only when a fails; they group left to right.
public struct AndOrList: Sendable, Hashable {
  public enum Operator: String, Sendable, Hashable {
    case and = "&&"
    case or = "||"
  }

  /// At least two items.
  public var items: [Statement]
  /// `operators[i]` joins `items[i]` and `items[i + 1]`.
  public var operators: [Operator]

  public init(items: [Statement], operators: [Operator]) {
    self.items = items
    self.operators = operators
  }
}

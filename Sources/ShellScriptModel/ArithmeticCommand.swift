import Diagnostics

/// `(( expression ))`, kept as text (Bash Reference Manual, 3.2.5.2 "Conditional
/// Constructs"): status 0 when the expression is non-zero.
public struct ArithmeticCommand: Sendable, Hashable {
  public var expression: String
  public var location: SourceLocation

  public init(expression: String, location: SourceLocation) {
    self.expression = expression
    self.location = location
  }
}

import Diagnostics

/// `if list; then list; [elif list; then list;]... [else list;] fi`
/// (Bash Reference Manual, 3.2.5.2 "Conditional Constructs").
public struct IfClause: Sendable, Hashable {
  /// One `if` or `elif` condition with the `then` list it guards.
  public struct Branch: Sendable, Hashable {
    public var condition: [Statement]
    public var body: [Statement]
    /// Where the `if` or `elif` keyword is.
    public var location: SourceLocation

    public init(condition: [Statement], body: [Statement], location: SourceLocation) {
      self.condition = condition
      self.body = body
      self.location = location
    }
  }

  /// The `if` branch followed by every `elif` branch.
  public var branches: [Branch]
  public var elseBody: [Statement]?
  public var elseLocation: SourceLocation?

  public init(branches: [Branch], elseBody: [Statement]?, elseLocation: SourceLocation?) {
    self.branches = branches
    self.elseBody = elseBody
    self.elseLocation = elseLocation
  }
}

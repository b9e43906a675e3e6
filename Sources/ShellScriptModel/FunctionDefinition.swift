import Diagnostics

/// `name() compound-command` or `function name [()] compound-command`
/// (Bash Reference Manual, 3.3 "Shell Functions"). The body runs when the name is used
/// as a command, in the current shell, with the arguments as positional parameters.
public struct FunctionDefinition: Sendable, Hashable {
  public var name: String
  /// The compound command (usually a brace group) that is the function body.
  public var body: Statement
  /// Where the definition starts (the `function` keyword or the name).
  public var location: SourceLocation
  public var nameLocation: SourceLocation
  public var usesFunctionKeyword: Bool

  public init(name: String, body: Statement, location: SourceLocation, nameLocation: SourceLocation, usesFunctionKeyword: Bool) {
    self.name = name
    self.body = body
    self.location = location
    self.nameLocation = nameLocation
    self.usesFunctionKeyword = usesFunctionKeyword
  }
}

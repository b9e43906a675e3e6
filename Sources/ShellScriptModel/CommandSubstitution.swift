import Diagnostics

/// A command substitution `$(...)` or `` `...` `` with its parsed commands.
///
/// Bash Reference Manual, 3.5.4 "Command Substitution": the commands run in a subshell
/// and the expansion is their standard output with trailing newlines removed. In backquotes,
/// `\$`, `` \` `` and `\\` lose the backslash before the text is parsed; `text` is the
/// command text after that step.
public struct CommandSubstitution: Sendable, Hashable {
  /// The parsed commands inside.
  public var statements: [Statement]
  /// The command text between the delimiters, e.g. `git rev-parse --short HEAD`.
  public var text: String
  /// True for the backquoted form.
  public var isBackquoted: Bool
  /// Where `$(` (or the opening backquote) is.
  public var location: SourceLocation

  public init(statements: [Statement], text: String, isBackquoted: Bool, location: SourceLocation) {
    self.statements = statements
    self.text = text
    self.isBackquoted = isBackquoted
    self.location = location
  }

  /// The substitution as written: `$(text)` or `` `text` ``.
  public var expression: String { isBackquoted ? "`\(text)`" : "$(\(text))" }
}

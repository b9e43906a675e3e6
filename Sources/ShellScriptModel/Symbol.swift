import Diagnostics

/// A value the checker cannot compute statically, with where it comes from.
///
/// Shapes: `$(git rev-parse --short HEAD)` → `Symbol(kind: .commandOutput(command:
/// "git rev-parse --short HEAD"), expression: "$(git rev-parse --short HEAD)")`;
/// `$AWS_REGION` with nothing known → `.parameter("AWS_REGION")`; a variable set to `a` in
/// one branch and `b` in another that the checker cannot decide → `.alternatives([a, b])`.
public struct Symbol: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// The output of a command substitution; the command text.
    case commandOutput(command: String)
    /// A variable, positional or special parameter whose value is not known.
    case parameter(String)
    /// One of several values assigned on paths the checker could not decide. An unset
    /// path contributes an empty literal.
    case alternatives([ResolvedWord])
    /// An arithmetic expansion; the expression text.
    case arithmetic(String)
    /// Data read at run time (`read`, `mapfile`, `getopts`, `printf -v`).
    case input
    /// An expansion the checker does not evaluate (indirection, transformations, globbing
    /// against the file system...).
    case unsupported
  }

  public var kind: Kind
  /// The expression as written, e.g. `$(aws sts get-caller-identity ...)` or `${1:-dev}`.
  public var expression: String
  /// The script variable that first held this value, when it came through one
  /// (`TAG=$(git ...)`; `-t repo:$TAG` → `variable == "TAG"`).
  public var variable: String?
  /// Where the expression is written, when known.
  public var location: SourceLocation?
  /// For command output reached by the walk: the positions in `Evaluation.commands` of the
  /// commands the substitution ran, functions it called included (`$(stack_output Url)`
  /// walked at 254 → `254..<260`, the `aws cloudformation describe-stacks` inside among
  /// them). Each time the walk reaches a substitution its output is a distinct value, so
  /// two calls of one function give two symbols. Nil for values resolved without walking
  /// (conditions, `Evaluation.value(of:)` of an unreached word).
  public var commands: Range<Int>?

  public init(kind: Kind, expression: String, variable: String? = nil, location: SourceLocation? = nil, commands: Range<Int>? = nil) {
    self.kind = kind
    self.expression = expression
    self.variable = variable
    self.location = location
    self.commands = commands
  }

  public var description: String { expression }

  /// The command text, for command output.
  public var command: String? {
    if case .commandOutput(let command) = kind { return command }
    return nil
  }
}

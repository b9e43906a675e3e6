/// Commands joined by `|` or `|&` (Bash Reference Manual, 3.2.3 "Pipelines").
/// Each command runs in its own subshell; the pipeline's status is the last command's,
/// or with `set -o pipefail` the last non-zero one.
public struct Pipeline: Sendable, Hashable {
  public enum Operator: String, Sendable, Hashable {
    case pipe = "|"
    /// `|&`: standard error is piped as well.
    case pipeStandardError = "|&"
  }

  /// At least two commands.
  public var commands: [Statement]
  /// `operators[i]` joins `commands[i]` and `commands[i + 1]`.
  public var operators: [Operator]

  public init(commands: [Statement], operators: [Operator]) {
    self.commands = commands
    self.operators = operators
  }
}

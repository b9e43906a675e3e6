import Diagnostics

/// One statement as reached by an evaluation, with its context and shell options.
///
/// Every statement gets a record, nested ones included (pipeline members, and-or items,
/// the statement under `!`). `next` is the statement written after it in the same list
/// (`;`, `&` or newline separated; comments and blank lines are not statements); it is
/// nil for the last statement of a list and for nested members. A rule for "`set -e`
/// makes the status check dead" looks for a record with `statement.isAssignmentOnly`,
/// an assignment with a command substitution, `errexit.isEffective`, and
/// `next?.readsExitStatusImmediately == true`.
public struct StatementRecord: Sendable, Hashable {
  public var statement: Statement
  public var next: Statement?
  public var context: CommandContext
  public var errexit: ErrexitStatus
  public var options: ShellOptions
  /// Functions being run, outermost first (execution order only).
  public var callStack: [String]
  /// Position in the evaluation's `statements`.
  public var order: Int

  public var location: SourceLocation { statement.location }
  public var functionName: String? { context.functionName }
}

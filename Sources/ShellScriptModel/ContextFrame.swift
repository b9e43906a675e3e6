import Diagnostics

/// One construct enclosing a command, as seen in execution order.
public enum ContextFrame: Sendable, Hashable {
  /// Inside function `name`; `call` is where it was called from (nil in source order).
  case function(name: String, call: SourceLocation?)
  /// In the condition list of the `if` or `elif` at the location.
  case ifCondition(SourceLocation)
  /// In the `then` list of the `if`/`elif` at the location.
  case thenBranch(SourceLocation)
  /// In the `else` list (location of `else`).
  case elseBranch(SourceLocation)
  /// In the condition list of a `while`/`until` loop.
  case loopCondition(LoopClause.Kind, SourceLocation)
  /// In the body of a loop: `while`/`until`, or `for`/`select` (kind nil).
  case loopBody(LoopClause.Kind?, SourceLocation)
  /// In the list of a case item; the patterns as written.
  case caseItem(patterns: [String], SourceLocation)
  case braceGroup(SourceLocation)
  case subshell(SourceLocation)
  /// Inside `$(...)` or backquotes at the location.
  case commandSubstitution(SourceLocation)
  case processSubstitution(SourceLocation)
  /// Command `position` (0-based) of a pipeline of `count` commands.
  case pipeline(position: Int, count: Int)
  /// Item `position` (0-based) of an and-or list of `count` items; `operator` is the
  /// `&&`/`||` before it (nil for the first).
  case andOrList(position: Int, count: Int, operator: AndOrList.Operator?)
  /// Under `!`.
  case negation
  /// In a statement run asynchronously with `&`.
  case background
}

import Diagnostics

/// How a path of the walk ended early.
///
/// A path that ends is left out where paths join (`Evaluator.merge`). A path ended by
/// `return`, `break` or `continue` is not lost: the evaluator saved it, as it stood, with
/// the function or loop it leaves (`Evaluator.JumpTarget`), and it joins the other paths
/// where that function call or loop ends.
enum Termination: Sendable, Hashable {
  /// `exit` (or a failed `${X:?}`, or `exec`) at the location.
  case exit(SourceLocation)
  /// `return` from the function being run.
  case `return`
  /// `break` out of an enclosing loop.
  case `break`
  /// `continue` with the next iteration of an enclosing loop.
  case `continue`
  /// A loop (at the location) whose condition is always true and that the path never
  /// leaves.
  case endless(SourceLocation)
}

import Diagnostics

/// How a path of the walk ended early.
enum Termination: Sendable, Hashable {
  /// `exit` (or a failed `${X:?}`) at the location.
  case exit(SourceLocation)
  /// `return` from the function being run.
  case `return`
}

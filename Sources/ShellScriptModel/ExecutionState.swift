import Diagnostics

/// A variable's value during a static walk.
enum Binding: Sendable, Hashable {
  case scalar(ResolvedWord)
  case array([ResolvedWord])
  case unset
}

/// How a path of the walk ended early.
enum Termination: Sendable, Hashable {
  /// `exit` (or a failed `${X:?}`) at the location.
  case exit(SourceLocation)
  /// `return` from the function being run.
  case `return`
}

/// What the walk knows at one point: variables, positional parameters, shell options.
struct ExecutionState: Sendable {
  /// Variables the script assigned (or unset); others come from the `Environment`.
  var variables: [String: Binding] = [:]
  /// `$1`...; nil when unknown.
  var positional: [ResolvedWord]?
  var options = ShellOptions()
  var termination: Termination?
}

/// The constructs around the statement being walked.
struct WalkContext {
  var frames: [ContextFrame] = []
  /// The outermost frame in which bash ignores `set -e`, if any.
  var errexitIgnoredBy: ContextFrame?
  /// The innermost command substitution, if inside one.
  var substitution: ContextFrame?
  var callStack: [String] = []

  func adding(_ frame: ContextFrame, ignoresErrexit: Bool = false) -> WalkContext {
    var copy = self
    copy.frames.append(frame)
    if ignoresErrexit && copy.errexitIgnoredBy == nil { copy.errexitIgnoredBy = frame }
    if case .commandSubstitution = frame { copy.substitution = frame }
    return copy
  }
}

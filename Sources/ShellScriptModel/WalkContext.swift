import Diagnostics

/// The constructs around the statement being walked.
struct WalkContext {
  var frames: [ContextFrame] = []
  /// Parallel to `frames`: where the statement that opened each frame starts (see
  /// `CommandContext.anchors`).
  var anchors: [SourceLocation?] = []
  /// The outermost frame in which bash ignores `set -e`, if any.
  var errexitIgnoredBy: ContextFrame?
  /// The innermost command substitution, if inside one.
  var substitution: ContextFrame?
  var callStack: [String] = []
  /// Redirections that apply to every command inside: of enclosing compound statements,
  /// of the call of the function being run, and of `exec` (outermost first).
  var redirections: [Redirection] = []

  func redirecting(_ added: [Redirection]) -> WalkContext {
    guard !added.isEmpty else { return self }
    var copy = self
    copy.redirections += added
    return copy
  }

  func adding(_ frame: ContextFrame, ignoresErrexit: Bool = false, anchor: SourceLocation? = nil) -> WalkContext {
    var copy = self
    copy.frames.append(frame)
    copy.anchors.append(anchor)
    if ignoresErrexit && copy.errexitIgnoredBy == nil { copy.errexitIgnoredBy = frame }
    if case .commandSubstitution = frame { copy.substitution = frame }
    return copy
  }
}

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

import Diagnostics

/// The constructs enclosing a command, outermost first.
public struct CommandContext: Sendable, Hashable {
  public var frames: [ContextFrame]
  /// Parallel to `frames` (execution order): where the statement that opened each frame
  /// starts — the and-or list, pipeline, `!` or `&` statement for those frames (whose
  /// cases carry no location), nil for the others. Two commands are in the same and-or
  /// list, pipeline or job when their frames and anchors agree up to that frame: frames
  /// alone cannot tell `a || b` from the next `c || d` at the same level.
  public var anchors: [SourceLocation?]

  public init(frames: [ContextFrame] = [], anchors: [SourceLocation?] = []) {
    self.frames = frames
    self.anchors = anchors
  }

  /// True when this context and `other` share their first `depth` frames, instances
  /// included (see `anchors`).
  public func sharesConstructs(with other: CommandContext, depth: Int) -> Bool {
    guard frames.count >= depth, other.frames.count >= depth else { return false }
    guard Self.equalInnermostFirst(frames[..<depth], other.frames[..<depth]) else { return false }
    let (mineShort, theirsShort) = (anchors.count < depth, other.anchors.count < depth)
    guard !mineShort, !theirsShort else { return mineShort == theirsShort }
    return Self.equalInnermostFirst(anchors[..<depth], other.anchors[..<depth])
  }

  /// True when the frames begin with `prefix` and the frame after it is `frame`.
  public func hasFrames(_ prefix: ArraySlice<ContextFrame>, then frame: ContextFrame) -> Bool {
    frames.count > prefix.count && frames[prefix.count] == frame && Self.equalInnermostFirst(frames[..<prefix.count], prefix)
  }

  /// True when the frames begin with `prefix`.
  public func hasFrames(_ prefix: ArraySlice<ContextFrame>) -> Bool {
    frames.count >= prefix.count && Self.equalInnermostFirst(frames[..<prefix.count], prefix)
  }

  /// Element-wise equality from the last element back: the contexts of one script share
  /// their outer frames (the function, the loop), so two that differ mostly differ
  /// innermost, and comparing there first finds it without comparing the shared ones.
  static func equalInnermostFirst<Element: Equatable>(_ a: ArraySlice<Element>, _ b: ArraySlice<Element>) -> Bool {
    guard a.count == b.count else { return false }
    var (i, j) = (a.endIndex, b.endIndex)
    while i > a.startIndex {
      a.formIndex(before: &i)
      b.formIndex(before: &j)
      guard a[i] == b[j] else { return false }
    }
    return true
  }

  /// The innermost enclosing function.
  public var functionName: String? {
    for frame in frames.reversed() { if case .function(let name, _) = frame { return name } }
    return nil
  }

  /// True inside an `if`/`elif` or `while`/`until` condition.
  public var isInCondition: Bool {
    frames.contains {
      switch $0 {
      case .ifCondition, .loopCondition: true
      default: false
      }
    }
  }

  /// True when the command runs only on some paths: inside a branch, loop, case item, or a
  /// non-first and-or item. (Commands in a loop body may also run many times.)
  public var isConditional: Bool {
    frames.contains {
      switch $0 {
      case .thenBranch, .elseBranch, .loopBody, .caseItem, .loopCondition: true
      case .ifCondition: false
      case .andOrList(let position, _, _): position > 0
      default: false
      }
    }
  }

  /// True inside a subshell, command or process substitution, a pipeline of two or more
  /// commands, or an asynchronous statement: variable assignments there do not reach the
  /// rest of the script (3.7.3 "Command Execution Environment").
  public var isInSubshell: Bool {
    frames.contains {
      switch $0 {
      case .subshell, .commandSubstitution, .processSubstitution, .background: true
      case .pipeline(_, let count): count > 1
      default: false
      }
    }
  }

  public var isBackgrounded: Bool { frames.contains(.background) }
  public var isNegated: Bool { frames.contains(.negation) }

  /// True inside a command substitution.
  public var isInCommandSubstitution: Bool {
    frames.contains { if case .commandSubstitution = $0 { true } else { false } }
  }

  /// True when any frame satisfies `predicate`.
  public func contains(where predicate: (ContextFrame) -> Bool) -> Bool { frames.contains(where: predicate) }
}

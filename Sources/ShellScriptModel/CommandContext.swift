import Diagnostics

/// The constructs enclosing a command, outermost first.
public struct CommandContext: Sendable, Hashable {
  public var frames: [ContextFrame]

  public init(frames: [ContextFrame] = []) {
    self.frames = frames
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

/// A `PatternNode` compiled to a Thompson automaton and matched by simulating every state at
/// once (Thompson 1968; Cox, "Regular Expression Matching Can Be Simple And Fast", 2007):
/// a whole-value match costs at most (value length + 1) x instruction count steps, whatever
/// the pattern, so `^(a+)+$` against `aaaa…!` cannot hang a run as a backtracking engine
/// (Java's, ICU's, Swift's `Regex`) does.
struct PatternProgram {
  enum Instruction: Equatable {
    /// Consume one scalar from the set, then go on at the next instruction.
    case scalar(ScalarSet)
    /// Go on at both targets.
    case split(Int, Int)
    case jump(Int)
    /// Go on at the next instruction only if the assertion holds here.
    case assertion(PatternAssertion)
    case match
  }

  /// Programs longer than this are refused (counted repetitions multiply: `(a{100}){100}`
  /// is 10,000 instructions).
  static let maximumInstructions = 10_000
  /// Matches that would take more steps than this are not attempted (value scalars + 1,
  /// times instructions): at most a few tens of milliseconds.
  static let maximumSteps = 20_000_000

  private(set) var instructions: [Instruction] = []
  /// Instructions plus the weight of every scalar set: what one step over all states can
  /// cost at most (`maximumInstructions` bounds it).
  private(set) var cost = 0

  /// Compiles `node`; throws an `unsupported` refusal for a program over the size limit.
  init(_ node: PatternNode) throws(PatternRefusal) {
    try emit(node)
    instructions.append(.match)
  }

  private mutating func append(_ instruction: Instruction) throws(PatternRefusal) {
    if case .scalar(let set) = instruction { cost += set.weight } else { cost += 1 }
    guard cost <= Self.maximumInstructions else {
      throw PatternRefusal(kind: .unsupported, message: "counted repetitions or character classes that make more than \(Self.maximumInstructions) automaton states", offset: 0)
    }
    instructions.append(instruction)
  }

  private mutating func emit(_ node: PatternNode) throws(PatternRefusal) {
    switch node {
    case .empty: break
    case .scalar(let set): try append(.scalar(set))
    case .assertion(let assertion): try append(.assertion(assertion))
    case .sequence(let items):
      for item in items { try emit(item) }
    case .alternation(let branches):
      // split L1, next; L1: branch; jump end; next: split L2, … ; last branch.
      var jumps: [Int] = []
      for (index, branch) in branches.enumerated() {
        if index < branches.count - 1 {
          let split = instructions.count
          try append(.split(split + 1, 0))
          try emit(branch)
          jumps.append(instructions.count)
          try append(.jump(0))
          instructions[split] = .split(split + 1, instructions.count)
        } else {
          try emit(branch)
        }
      }
      for jump in jumps { instructions[jump] = .jump(instructions.count) }
    case .repetition(let body, _, _) where body.isEmpty:
      break  // `(){2147483647}` is the empty string, not two billion empty copies
    case .repetition(let body, let minimum, let maximum):
      for _ in 0..<minimum { try emit(body) }
      if let maximum {
        // Each optional copy: split body, end.
        var splits: [Int] = []
        for _ in minimum..<maximum {
          splits.append(instructions.count)
          try append(.split(instructions.count + 1, 0))
          try emit(body)
        }
        for split in splits { instructions[split] = .split(split + 1, instructions.count) }
      } else {
        // loop: split body, end; body; jump loop.
        let loop = instructions.count
        try append(.split(loop + 1, 0))
        try emit(body)
        try append(.jump(loop))
        instructions[loop] = .split(loop + 1, instructions.count)
      }
    }
  }

  /// At most how many steps matching a value of `length` scalars takes ((length + 1) x
  /// `cost`), saturating at `Int.max`.
  func stepBound(forLength length: Int) -> Int {
    let steps = (length + 1).multipliedReportingOverflow(by: cost)
    return steps.overflow ? Int.max : steps.partialValue
  }

  /// Whether the program matches all of `scalars`; nil when that would take more than
  /// `maximumSteps` steps.
  func matchesWhole(_ scalars: [Unicode.Scalar]) -> Bool? {
    guard stepBound(forLength: scalars.count) <= Self.maximumSteps else { return nil }
    var current = StateSet(capacity: instructions.count)
    var next = StateSet(capacity: instructions.count)
    var stack: [Int] = []
    addClosure(0, at: 0, of: scalars, to: &current, stack: &stack)
    for (position, scalar) in scalars.enumerated() {
      next.clear()
      for state in current.members {
        if case .scalar(let set) = instructions[state], set.contains(scalar) {
          addClosure(state + 1, at: position + 1, of: scalars, to: &next, stack: &stack)
        }
      }
      swap(&current, &next)
      if current.members.isEmpty { return false }
    }
    return current.members.contains { instructions[$0] == .match }
  }

  /// Adds `start` and every state reachable from it without consuming a scalar at
  /// `position`; only `scalar` and `match` states are kept.
  private func addClosure(_ start: Int, at position: Int, of scalars: [Unicode.Scalar], to set: inout StateSet, stack: inout [Int]) {
    stack.append(start)
    while let state = stack.popLast() {
      guard set.visit(state) else { continue }
      switch instructions[state] {
      case .scalar, .match: set.members.append(state)
      case .jump(let target): stack.append(target)
      case .split(let first, let second):
        stack.append(second)
        stack.append(first)
      case .assertion(let assertion):
        if Self.holds(assertion, at: position, of: scalars) { stack.append(state + 1) }
      }
    }
  }

  static func holds(_ assertion: PatternAssertion, at position: Int, of scalars: [Unicode.Scalar]) -> Bool {
    let previous = position > 0 ? scalars[position - 1] : nil
    let following = position < scalars.count ? scalars[position] : nil
    switch assertion {
    case .inputStart: return position == 0
    case .inputEnd: return position == scalars.count
    case .lineStart(let multiline):
      // Java: without MULTILINE the start of the input; with it, the start or after a
      // terminator (not between \r and \n), but never at the end of the input, so
      // `(?m)^` does not match the empty value.
      guard multiline else { return position == 0 }
      guard following != nil else { return false }
      guard let previous else { return true }
      return ScalarSet.isLineTerminator(previous) && !(previous == "\r" && following == "\n")
    case .lineEnd(let multiline):
      if multiline, let following, ScalarSet.isLineTerminator(following) { return !(previous == "\r" && following == "\n") }
      return isAtEndOrFinalTerminator(position, scalars)
    case .inputEndOrFinalTerminator:
      return isAtEndOrFinalTerminator(position, scalars)
    case .wordBoundary(let wanted):
      let before = previous.map { ScalarSet.word.contains($0) } ?? false
      let after = following.map { ScalarSet.word.contains($0) } ?? false
      return (before != after) == wanted
    }
  }

  /// The end of the input, or before a final line terminator (`\r\n` counts as one).
  private static func isAtEndOrFinalTerminator(_ position: Int, _ scalars: [Unicode.Scalar]) -> Bool {
    let remaining = scalars.count - position
    if remaining == 0 { return true }
    if remaining == 1 { return ScalarSet.isLineTerminator(scalars[position]) && !(position > 0 && scalars[position - 1] == "\r" && scalars[position] == "\n") }
    return remaining == 2 && scalars[position] == "\r" && scalars[position + 1] == "\n"
  }
}

/// The automaton states active at one position: a list in insertion order plus a
/// generation-stamped visited mark per state (clearing is O(1)).
private struct StateSet {
  var members: [Int] = []
  private var stamps: [UInt32]
  private var generation: UInt32 = 1

  init(capacity: Int) {
    stamps = Array(repeating: 0, count: capacity)
    members.reserveCapacity(capacity)
  }

  mutating func clear() {
    members.removeAll(keepingCapacity: true)
    generation += 1
  }

  /// Marks `state`; false if it was already marked since the last `clear`.
  mutating func visit(_ state: Int) -> Bool {
    if stamps[state] == generation { return false }
    stamps[state] = generation
    return true
  }
}

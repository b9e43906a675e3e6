/// A compiled path pattern, matched by simulating a small automaton, so matching time is
/// linear in the path for any pattern (no backtracking, no exponential blow-up on
/// `*****a`).
///
/// Tokens: a literal character; `?` (one character other than `/`); `*` (any run without
/// `/`); `(.*/)?` (any run of whole directories, from `**/`); `.*` (anything, from a
/// trailing `**`); and a bracket class `[…]`.
struct PathPattern: Sendable, Hashable {
  enum Token: Sendable, Hashable {
    case literal(Unicode.Scalar)
    case anyButSlash
    case starButSlash
    case anyDirectories
    case anything
    case characterClass(CharacterClass)
  }

  struct CharacterClass: Sendable, Hashable {
    var negated: Bool
    var ranges: [ClosedRange<UInt32>]

    func matches(_ scalar: Unicode.Scalar) -> Bool {
      ranges.contains { $0.contains(scalar.value) } != negated
    }
  }

  struct SyntaxError: Error {
    var message: String
    var offset: Int
  }

  private enum Predicate: Sendable, Hashable {
    case literal(Unicode.Scalar)
    case notSlash
    case any
    case characterClass(CharacterClass)

    func matches(_ scalar: Unicode.Scalar) -> Bool {
      switch self {
      case .literal(let expected): scalar == expected
      case .notSlash: scalar != "/"
      case .any: scalar != "\n"
      case .characterClass(let characterClass): characterClass.matches(scalar)
      }
    }
  }

  private enum State: Sendable, Hashable {
    case consume(Predicate, next: Int)
    case split(Int, Int)
    case accept
  }

  private let states: [State]

  init(tokens: [Token]) {
    var states: [State] = []
    for token in tokens {
      let here = states.count
      switch token {
      case .literal(let scalar): states.append(.consume(.literal(scalar), next: here + 1))
      case .anyButSlash: states.append(.consume(.notSlash, next: here + 1))
      case .characterClass(let characterClass): states.append(.consume(.characterClass(characterClass), next: here + 1))
      case .starButSlash:
        states.append(.split(here + 1, here + 2))
        states.append(.consume(.notSlash, next: here))
      case .anything:
        states.append(.split(here + 1, here + 2))
        states.append(.consume(.any, next: here))
      case .anyDirectories:
        states.append(.split(here + 1, here + 4))
        states.append(.split(here + 2, here + 3))
        states.append(.consume(.any, next: here + 1))
        states.append(.consume(.literal("/"), next: here + 4))
      }
    }
    states.append(.accept)
    self.states = states
  }

  /// Whether the whole of `text` matches.
  func matches(_ text: String) -> Bool {
    var budget = Int.max
    return run(text, stopAtDirectory: false, budget: &budget) ?? false
  }

  /// Whether the whole of `text` matches, or nil when that takes more steps than `budget`
  /// holds (a step: one character of `text` against one live state of the automaton);
  /// `budget` is reduced by the steps taken.
  func matches(_ text: String, budget: inout Int) -> Bool? {
    run(text, stopAtDirectory: false, budget: &budget)
  }

  /// Whether `text` or one of its parent directories (a prefix ending before a `/`)
  /// matches, in one pass over `text`; nil when that takes more steps than `budget` holds.
  func matchesSelfOrParent(_ text: String, budget: inout Int) -> Bool? {
    run(text, stopAtDirectory: true, budget: &budget)
  }

  private func run(_ text: String, stopAtDirectory: Bool, budget: inout Int) -> Bool? {
    let acceptIndex = states.count - 1
    var marks = [Int](repeating: -1, count: states.count)
    var generation = 0
    var current: [Int] = []
    var next: [Int] = []
    var stack: [Int] = []
    func addClosure(_ start: Int, to list: inout [Int]) {
      stack.append(start)
      while let index = stack.popLast() {
        guard marks[index] != generation else { continue }
        marks[index] = generation
        if case .split(let first, let second) = states[index] {
          stack.append(second)
          stack.append(first)
        } else {
          list.append(index)
        }
      }
    }
    addClosure(0, to: &current)
    for scalar in text.unicodeScalars {
      if stopAtDirectory && scalar == "/" && marks[acceptIndex] == generation { return true }
      budget -= current.count + 1
      if budget < 0 { return nil }
      generation += 1
      next.removeAll(keepingCapacity: true)
      for index in current {
        if case .consume(let predicate, let target) = states[index], predicate.matches(scalar) { addClosure(target, to: &next) }
      }
      swap(&current, &next)
      if current.isEmpty { return false }
    }
    return marks[acceptIndex] == generation
  }

  /// Reads a bracket class starting at `scalars[start] == "["` with Go's
  /// `filepath.Match` rules: an optional `^`, one or more `c` or `lo-hi` items (`\`
  /// escapes; a bare `-` or `]` is an error), then `]`. Returns the class and the index
  /// after `]`.
  static func characterClass(_ scalars: [Unicode.Scalar], at start: Int) throws(SyntaxError) -> (CharacterClass, Int) {
    var index = start + 1
    var negated = false
    if index < scalars.count, scalars[index] == "^" {
      negated = true
      index += 1
    }
    var ranges: [ClosedRange<UInt32>] = []
    func item() throws(SyntaxError) -> UInt32 {
      guard index < scalars.count, scalars[index] != "-", scalars[index] != "]" else {
        throw SyntaxError(message: "syntax error in pattern: bad character class", offset: index)
      }
      if scalars[index] == "\\" { index += 1 }
      guard index < scalars.count else { throw SyntaxError(message: "syntax error in pattern: unterminated character class", offset: start) }
      defer { index += 1 }
      return scalars[index].value
    }
    while true {
      if index < scalars.count, scalars[index] == "]", !ranges.isEmpty {
        return (CharacterClass(negated: negated, ranges: ranges), index + 1)
      }
      let low = try item()
      var high = low
      if index < scalars.count, scalars[index] == "-" {
        index += 1
        high = try item()
      }
      guard index < scalars.count else { throw SyntaxError(message: "syntax error in pattern: unterminated character class `[`", offset: start) }
      ranges.append(low...max(low, high))
    }
  }

  /// A COPY/ADD source glob with Go `filepath.Match` rules: `*` and `?` never match `/`,
  /// `[…]` classes, `\` escapes the next character.
  static func glob(_ pattern: String) throws(SyntaxError) -> PathPattern {
    let scalars = Array(pattern.unicodeScalars)
    var tokens: [Token] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "*": tokens.append(.starButSlash)
      case "?": tokens.append(.anyButSlash)
      case "[":
        let (characterClass, next) = try characterClass(scalars, at: index)
        tokens.append(.characterClass(characterClass))
        index = next
        continue
      case "\\":
        index += 1
        guard index < scalars.count else { throw SyntaxError(message: "syntax error in pattern: trailing backslash", offset: index - 1) }
        tokens.append(.literal(scalars[index]))
      default: tokens.append(.literal(scalar))
      }
      index += 1
    }
    return PathPattern(tokens: tokens)
  }

  /// Whether `text` holds an unescaped glob character (`*`, `?`, `[`).
  static func hasGlob(_ text: String) -> Bool {
    var escaped = false
    for scalar in text.unicodeScalars {
      if escaped {
        escaped = false
      } else if scalar == "\\" {
        escaped = true
      } else if scalar == "*" || scalar == "?" || scalar == "[" {
        return true
      }
    }
    return false
  }
}

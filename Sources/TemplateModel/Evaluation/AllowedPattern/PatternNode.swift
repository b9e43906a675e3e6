/// The syntax tree of an `AllowedPattern`, a regular expression in Java's
/// `java.util.regex.Pattern` syntax, restricted to the constructs that describe a regular
/// language (so that it can be matched in time linear in the value; see `PatternProgram`).
/// Reference: https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
indirect enum PatternNode: Equatable, Sendable {
  /// Matches the empty string.
  case empty
  /// One Unicode scalar from the set.
  case scalar(ScalarSet)
  case sequence([PatternNode])
  case alternation([PatternNode])
  /// `node` repeated `minimum` to `maximum` times (nil: no upper bound). Greedy and lazy
  /// quantifiers describe the same language, so a whole-value match does not tell them apart.
  case repetition(PatternNode, minimum: Int, maximum: Int?)
  /// A zero-width test of the position.
  case assertion(PatternAssertion)
}

extension PatternNode {
  /// Whether the node holds a `^` or `\A` (which Java repeats unlike the regular language).
  var containsStartAssertion: Bool {
    switch self {
    case .assertion(.lineStart), .assertion(.inputStart): true
    case .empty, .scalar, .assertion: false
    case .sequence(let items), .alternation(let items): items.contains { $0.containsStartAssertion }
    case .repetition(let body, _, _): body.containsStartAssertion
    }
  }

  /// Whether the node consumes nothing and tests nothing (its repetitions are empty too).
  var isEmpty: Bool {
    switch self {
    case .empty: true
    case .scalar, .assertion: false
    case .sequence(let items), .alternation(let items): items.allSatisfy(\.isEmpty)
    case .repetition(let body, _, let maximum): maximum == 0 || body.isEmpty
    }
  }
}

/// Zero-width tests on a position, as Java defines them without `UNIX_LINES`.
enum PatternAssertion: Equatable, Sendable {
  /// `^`: the start of the input; with `MULTILINE` (`(?m)`) also after a line terminator.
  case lineStart(multiline: Bool)
  /// `$`: the end of the input or before a final line terminator; with `MULTILINE` also
  /// before any line terminator.
  case lineEnd(multiline: Bool)
  /// `\A`.
  case inputStart
  /// `\z`.
  case inputEnd
  /// `\Z`: the end of the input or before a final line terminator.
  case inputEndOrFinalTerminator
  /// `\b` (true) and `\B` (false), with Java's ASCII word characters `[a-zA-Z0-9_]`.
  case wordBoundary(Bool)
}

/// A set of Unicode scalars: what one position of a pattern accepts. Only the cases that
/// hold a set are `indirect`: with every case boxed, Swift keeps the case tag in the
/// pointer's spare bits, and LeakSanitizer no longer sees the `static let` classes below
/// as reachable (Fuzz/run.sh reported them as leaks).
enum ScalarSet: Equatable, Sendable {
  case scalar(Unicode.Scalar)
  /// A closed range of scalar values.
  case range(UInt32, UInt32)
  /// `.`: every scalar but the line terminators, or every scalar with `DOTALL` (`(?s)`).
  case any(dotAll: Bool)
  case union([ScalarSet])
  case intersection([ScalarSet])
  indirect case complement(ScalarSet)
  /// The set with ASCII letters of either case (Java's `CASE_INSENSITIVE` without
  /// `UNICODE_CASE` folds ASCII only).
  indirect case asciiCaseInsensitive(ScalarSet)

  /// `\d`: `[0-9]`.
  static let digit = ScalarSet.range(0x30, 0x39)
  /// `\w`: `[a-zA-Z_0-9]`.
  static let word = ScalarSet.union([.range(0x61, 0x7A), .range(0x41, 0x5A), .scalar("_"), .digit])
  /// `\s`: `[ \t\n\x0B\f\r]`.
  static let space = ScalarSet.union([.scalar(" "), .range(0x09, 0x0D)])
  /// `\h`: Java's horizontal white space.
  static let horizontalSpace = ScalarSet.union([
    .scalar(" "), .scalar("\t"), .scalar("\u{A0}"), .scalar("\u{1680}"), .scalar("\u{180E}"),
    .range(0x2000, 0x200A), .scalar("\u{202F}"), .scalar("\u{205F}"), .scalar("\u{3000}"),
  ])
  /// `\v`: Java's vertical white space.
  static let verticalSpace = ScalarSet.union([.range(0x0A, 0x0D), .scalar("\u{85}"), .range(0x2028, 0x2029)])

  /// Java's line terminators (without `UNIX_LINES`): `\n`, `\r`, U+0085, U+2028, U+2029.
  static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// How many set nodes a membership test may visit: what one automaton step on this set
  /// costs, counted against `PatternProgram.maximumInstructions`.
  var weight: Int {
    switch self {
    case .scalar, .range, .any: 1
    case .union(let members), .intersection(let members): members.reduce(1) { $0 + $1.weight }
    case .complement(let set): 1 + set.weight
    case .asciiCaseInsensitive(let set): 1 + 2 * set.weight
    }
  }

  func contains(_ scalar: Unicode.Scalar) -> Bool {
    switch self {
    case .scalar(let own): return own == scalar
    case .range(let low, let high): return (low...high).contains(scalar.value)
    case .any(let dotAll): return dotAll || !Self.isLineTerminator(scalar)
    case .union(let members): return members.contains { $0.contains(scalar) }
    case .intersection(let members): return members.allSatisfy { $0.contains(scalar) }
    case .complement(let set): return !set.contains(scalar)
    case .asciiCaseInsensitive(let set):
      if set.contains(scalar) { return true }
      let value = scalar.value
      switch value {
      case 0x41...0x5A: return set.contains(Unicode.Scalar(value + 0x20)!)
      case 0x61...0x7A: return set.contains(Unicode.Scalar(value - 0x20)!)
      default: return false
      }
    }
  }
}

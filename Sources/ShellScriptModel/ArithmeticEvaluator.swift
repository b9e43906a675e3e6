/// Evaluates bash arithmetic (Bash Reference Manual, 6.5 "Shell Arithmetic") over the
/// variable values the walk knows, without changing them: what `((...))`, `let` and the
/// condition of `for ((...))` give.
///
/// 64-bit integers that wrap on overflow; operators and precedence as bash's `expr.c`
/// reads them (bash 5.2): `id++ id--`, `++id --id`, unary `- + ! ~` (so `-2**2` is 4),
/// `**` (right to left), `* / %`, `+ -`, `<< >>` (the count taken modulo 64: `1<<64` is
/// 1), comparisons, `== !=`, `&`, `^`, `|`, `&&`, `||` (which do not evaluate what they
/// skip), `?:`, the assignments `= *= /= %= += -= <<= >>= &= ^= |=`, and `,`. Constants:
/// decimal, `0` octal, `0x` hexadecimal, `BASE#DIGITS` (2 to 64). A variable's value is
/// itself evaluated as an expression (`x='3+4'` reads as 7; empty or unset as 0);
/// `$NAME`, `${NAME}`, `$1`... and `$#` are replaced by their values first, as bash
/// expands them before it evaluates. Assignments are kept for the rest of the evaluation
/// only.
///
/// Results: `.value`; `.failure` where bash reports an error and the command returns 1
/// (division by 0, a negative exponent, a digit too great for its base: `08`);
/// `.unbound(name)` where `set -u` makes bash exit on a variable `read` gives as `.unset`; `.readonly(name)`
/// for an assignment to a readonly variable; `.unknown` for a
/// value the walk does not know, text this reader does not take (quotes, `$(...)`,
/// other `${...}` forms, a syntax it cannot read), or past `maximumDepth` nested values
/// or `maximumWork` scalars and tokens read.
final class ArithmeticEvaluator {
  /// What a variable holds, as the walk knows it.
  enum Operand {
    case unset
    /// Unset unless the caller's environment sets it (a variable the script never
    /// assigns): read as unset, but not an error under `set -u`.
    case unlisted
    case text(String)
    case unknown
  }

  enum Result: Equatable {
    case value(Int)
    case failure
    case unbound(String)
    /// An assignment to a readonly variable (see `Evaluator.assignReadonly`).
    case readonly(String)
    case unknown
  }

  static let maximumDepth = 32
  static let maximumWork = 100_000

  private enum Stop: Error {
    case failure
    case unbound(String)
    case readonly(String)
    case unknown
  }

  private enum Token: Equatable {
    /// nil: digits bash rejects (`08`, `2#3`).
    case number(Int?)
    case name(String, subscript: String?)
    case op(String)
    case open
    case close
  }

  /// Reads a variable (`name`, and the element for `name[i]`) or a positional or special
  /// parameter (`1`, `#`).
  private let read: (_ name: String, _ index: Int?) -> Operand
  private let isReadonly: (String) -> Bool
  private let nounset: Bool
  /// Values assigned so far, by `name` or `name[i]`.
  private var store: [String: Int] = [:]
  /// The variables the evaluation assigned, in order.
  private(set) var assignedNames: [String] = []
  private var work = 0
  private var depth = 0
  /// Parentheses and prefix operators open around the expression being read (see
  /// `maximumNesting`).
  private var nesting = 0
  /// Past this many nested parentheses, prefix operators or `**` operands the value is
  /// unknown: each level is several frames of this recursive reader, and `$(( ((...)) ))`
  /// 3,000 deep once overflowed the stack.
  static let maximumNesting = 256

  init(nounset: Bool, isReadonly: @escaping (String) -> Bool = { _ in false }, read: @escaping (_ name: String, _ index: Int?) -> Operand) {
    self.nounset = nounset
    self.isReadonly = isReadonly
    self.read = read
  }

  /// Evaluates `expressions` one after the other (the arguments of `let`), assignments of
  /// one seen by the next; the result is the last one's value.
  func evaluate(_ expressions: [String]) -> Result {
    var last = 0
    do {
      for expression in expressions { last = try value(of: try substituted(expression)) }
    } catch .failure {
      return .failure
    } catch .unbound(let name) {
      return .unbound(name)
    } catch .readonly(let name) {
      return .readonly(name)
    } catch {
      return .unknown
    }
    return .value(last)
  }

  // MARK: - Text

  /// `text` with `$NAME`, `${NAME}`, `$1`... and `$#` replaced by their values and double
  /// quotes removed.
  private func substituted(_ text: String) throws(Stop) -> String {
    guard text.unicodeScalars.contains(where: { $0 == "$" || $0 == "\"" || $0 == "'" || $0 == "\\" || $0 == "`" }) else { return text }
    let scalars = Array(text.unicodeScalars)
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      let c = scalars[index]
      switch c {
      case "\"":
        index += 1
      case "'", "\\", "`":
        throw .unknown
      case "$":
        guard index + 1 < scalars.count else { throw .unknown }
        let braced = scalars[index + 1] == "{"
        var start = index + (braced ? 2 : 1)
        var stop = start
        if stop < scalars.count, Lexical.isNameStart(scalars[stop]) {
          while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
        } else if stop < scalars.count, Lexical.isDigit(scalars[stop]) || scalars[stop] == "#" {
          stop += 1
          if braced { while stop < scalars.count, Lexical.isDigit(scalars[stop]) { stop += 1 } }
        }
        guard stop > start, !braced || (stop < scalars.count && scalars[stop] == "}") else { throw .unknown }
        let name = String(String.UnicodeScalarView(scalars[start..<stop]))
        switch read(name, nil) {
        case .unset:
          if nounset { throw .unbound(name) }
        case .unlisted:
          break
        case .text(let value):
          result.append(contentsOf: value.unicodeScalars)
        case .unknown:
          throw .unknown
        }
        start = braced ? stop + 1 : stop
        index = start
      default:
        result.append(c)
        index += 1
      }
    }
    return String(result)
  }

  private func tokens(_ text: String) throws(Stop) -> [Token] {
    let scalars = Array(text.unicodeScalars)
    work += scalars.count
    if work > Self.maximumWork { throw .unknown }
    var tokens: [Token] = []
    var index = 0
    while index < scalars.count {
      let c = scalars[index]
      if c == " " || c == "\t" || c == "\n" {
        index += 1
      } else if Lexical.isDigit(c) {
        var stop = index
        while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) || scalars[stop] == "#" || scalars[stop] == "@" { stop += 1 }
        tokens.append(.number(try Self.number(String(String.UnicodeScalarView(scalars[index..<stop])))))
        index = stop
      } else if Lexical.isNameStart(c) {
        var stop = index
        while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
        let name = String(String.UnicodeScalarView(scalars[index..<stop]))
        var subscriptText: String?
        var after = stop
        while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
        if after < scalars.count, scalars[after] == "[" {
          var nesting = 0
          var close = after + 1
          while close < scalars.count {
            if scalars[close] == "[" { nesting += 1 }
            if scalars[close] == "]" {
              if nesting == 0 { break }
              nesting -= 1
            }
            close += 1
          }
          guard close < scalars.count else { throw .unknown }
          subscriptText = String(String.UnicodeScalarView(scalars[(after + 1)..<close]))
          stop = close + 1
        }
        tokens.append(.name(name, subscript: subscriptText))
        index = stop
      } else if c == "(" {
        tokens.append(.open)
        index += 1
      } else if c == ")" {
        tokens.append(.close)
        index += 1
      } else {
        guard let op = Self.operators.first(where: { Self.matches(scalars, at: index, $0) }) else { throw .unknown }
        tokens.append(.op(op))
        index += op.unicodeScalars.count
      }
    }
    return tokens
  }

  /// Longest first.
  private static let operators = [
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
    "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "^", "|", "?", ":", ",",
  ]

  private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ op: String) -> Bool {
    var position = index
    for c in op.unicodeScalars {
      guard position < scalars.count, scalars[position] == c else { return false }
      position += 1
    }
    return true
  }

  /// A constant as bash reads it; nil for digits too great for the base.
  private static func number(_ text: String) throws(Stop) -> Int? {
    var base = 10
    var digits = Substring(text)
    if let hash = text.firstIndex(of: "#") {
      // bash rejects a base written with a leading zero (`09#1`).
      guard String(text[..<hash]).isPlainDecimal, let written = Int(text[..<hash]), (2...64).contains(written) else { throw .unknown }
      base = written
      digits = text[text.index(after: hash)...]
      guard !digits.isEmpty else { throw .unknown }
    } else if text.hasPrefix("0x") || text.hasPrefix("0X") {
      base = 16
      digits = text.dropFirst(2)
    } else if text.hasPrefix("0") {
      base = 8
    }
    var value = 0
    for c in digits.unicodeScalars {
      let digit: Int
      switch c {
      case "0"..."9": digit = Int(c.value) - 48
      case "a"..."z": digit = Int(c.value) - 97 + 10
      case "A"..."Z": digit = Int(c.value) - 65 + (base > 36 ? 36 : 10)
      case "@": digit = 62
      case "_": digit = 63
      default: return nil
      }
      guard digit < base else { return nil }
      value = value &* base &+ digit
    }
    return value
  }

  // MARK: - Expressions

  /// One expression's tokens and where the reading is.
  private struct Cursor {
    var tokens: [Token]
    var position = 0
    var current: Token? { position < tokens.count ? tokens[position] : nil }
    var isOperator: (String) -> Bool { { op in if case .op(op) = current { true } else { false } } }
  }

  private func value(of text: String) throws(Stop) -> Int {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else { throw .unknown }
    var cursor = Cursor(tokens: try tokens(text))
    guard !cursor.tokens.isEmpty else { return 0 }
    let result = try comma(&cursor, evaluates: true)
    guard cursor.current == nil else { throw .unknown }
    return result
  }

  /// Counts one more level of `nesting`; the value is unknown past `maximumNesting`.
  private func enterNesting() throws(Stop) {
    guard nesting < Self.maximumNesting else { throw .unknown }
    nesting += 1
  }

  private func advance(_ cursor: inout Cursor) throws(Stop) {
    cursor.position += 1
    work += 1
    if work > Self.maximumWork { throw .unknown }
  }

  private func comma(_ cursor: inout Cursor, evaluates: Bool) throws(Stop) -> Int {
    var result = try assignment(&cursor, evaluates: evaluates)
    while cursor.isOperator(",") {
      try advance(&cursor)
      result = try assignment(&cursor, evaluates: evaluates)
    }
    return result
  }

  private static let assignmentOperators: Set<String> = ["=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="]

  private func assignment(_ cursor: inout Cursor, evaluates: Bool) throws(Stop) -> Int {
    if case .name(let name, let subscriptText)? = cursor.current, cursor.position + 1 < cursor.tokens.count,
      case .op(let op) = cursor.tokens[cursor.position + 1], Self.assignmentOperators.contains(op)
    {
      try advance(&cursor)
      try advance(&cursor)
      let right = try assignment(&cursor, evaluates: evaluates)
      guard evaluates else { return 0 }
      let key = try self.key(name, subscriptText)
      var result = right
      if op != "=" {
        let left = try variable(name, key: key)
        result = try Self.apply(String(op.dropLast()), left, right)
      }
      try assign(name, key, result)
      return result
    }
    return try conditional(&cursor, evaluates: evaluates)
  }

  private func conditional(_ cursor: inout Cursor, evaluates: Bool) throws(Stop) -> Int {
    let test = try binary(&cursor, level: 0, evaluates: evaluates)
    guard cursor.isOperator("?") else { return test }
    try advance(&cursor)
    let first = try comma(&cursor, evaluates: evaluates && test != 0)
    guard cursor.isOperator(":") else { throw .unknown }
    try advance(&cursor)
    let second = try conditional(&cursor, evaluates: evaluates && test == 0)
    return test != 0 ? first : second
  }

  /// Binary operators from the loosest (`||`) to `* / %`.
  private static let levels: [[String]] = [
    ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
  ]

  private func binary(_ cursor: inout Cursor, level: Int, evaluates: Bool) throws(Stop) -> Int {
    guard level < Self.levels.count else { return try power(&cursor, evaluates: evaluates) }
    var left = try binary(&cursor, level: level + 1, evaluates: evaluates)
    while case .op(let op)? = cursor.current, Self.levels[level].contains(op) {
      try advance(&cursor)
      // `0 && x` and `1 || x` do not evaluate x.
      let skips = (op == "&&" && left == 0) || (op == "||" && left != 0)
      let right = try binary(&cursor, level: level + 1, evaluates: evaluates && !skips)
      if !evaluates {
        left = 0
      } else if op == "&&" || op == "||" {
        left = (op == "&&" ? left != 0 && right != 0 : left != 0 || right != 0) ? 1 : 0
      } else {
        left = try Self.apply(op, left, right)
      }
    }
    return left
  }

  private func power(_ cursor: inout Cursor, evaluates: Bool) throws(Stop) -> Int {
    let base = try unary(&cursor, evaluates: evaluates)
    guard cursor.isOperator("**") else { return base }
    try advance(&cursor)
    try enterNesting()
    defer { nesting -= 1 }
    let exponent = try power(&cursor, evaluates: evaluates)
    return evaluates ? try Self.apply("**", base, exponent) : 0
  }

  private func unary(_ cursor: inout Cursor, evaluates: Bool) throws(Stop) -> Int {
    guard case .op(let op)? = cursor.current else { return try postfix(&cursor, evaluates: evaluates) }
    switch op {
    case "++", "--":
      // `++x` increments x; `--1` is two minus signs (bash 5.2).
      if cursor.position + 1 < cursor.tokens.count, case .name(let name, let subscriptText) = cursor.tokens[cursor.position + 1] {
        try advance(&cursor)
        try advance(&cursor)
        guard evaluates else { return 0 }
        let key = try self.key(name, subscriptText)
        let result = try variable(name, key: key) &+ (op == "++" ? 1 : -1)
        try assign(name, key, result)
        return result
      }
      try advance(&cursor)
      try enterNesting()
      defer { nesting -= 1 }
      // Two plus signs, or two minus signs: the operand itself.
      return try unary(&cursor, evaluates: evaluates)
    case "-", "+", "!", "~":
      try advance(&cursor)
      try enterNesting()
      defer { nesting -= 1 }
      let operand = try unary(&cursor, evaluates: evaluates)
      switch op {
      case "-": return 0 &- operand
      case "+": return operand
      case "!": return operand == 0 ? 1 : 0
      default: return ~operand
      }
    default:
      throw .unknown
    }
  }

  private func postfix(_ cursor: inout Cursor, evaluates: Bool) throws(Stop) -> Int {
    switch cursor.current {
    case .number(let number)?:
      try advance(&cursor)
      guard evaluates else { return 0 }
      guard let number else { throw .failure }
      return number
    case .open?:
      try advance(&cursor)
      try enterNesting()
      defer { nesting -= 1 }
      let result = try comma(&cursor, evaluates: evaluates)
      guard cursor.current == .close else { throw .unknown }
      try advance(&cursor)
      return result
    case .name(let name, let subscriptText)?:
      try advance(&cursor)
      if case .op(let op)? = cursor.current, op == "++" || op == "--" {
        try advance(&cursor)
        guard evaluates else { return 0 }
        let key = try self.key(name, subscriptText)
        let old = try variable(name, key: key)
        try assign(name, key, old &+ (op == "++" ? 1 : -1))
        return old
      }
      guard evaluates else { return 0 }
      return try variable(name, key: try key(name, subscriptText))
    default:
      throw .unknown
    }
  }

  // MARK: - Variables

  private struct Key {
    var text: String
    var index: Int?
  }

  /// The store key of `name` or `name[subscript]` (element 0 is the variable itself).
  /// Only a subscript that is a decimal number is read: an associative array's is text.
  private func key(_ name: String, _ subscriptText: String?) throws(Stop) -> Key {
    guard let subscriptText else { return Key(text: name, index: nil) }
    guard subscriptText.isPlainDecimal, let index = Int(subscriptText), index >= 0 else { throw .unknown }
    return index == 0 ? Key(text: name, index: 0) : Key(text: name + "[\(index)]", index: index)
  }

  private func assign(_ name: String, _ key: Key, _ value: Int) throws(Stop) {
    if isReadonly(name) { throw .readonly(name) }
    store[key.text] = value
    assignedNames.append(name)
  }

  private func variable(_ name: String, key: Key) throws(Stop) -> Int {
    if let assigned = store[key.text] { return assigned }
    switch read(name, key.index) {
    case .unset:
      if nounset { throw .unbound(name) }
      return 0
    case .unlisted:
      return 0
    case .unknown:
      throw .unknown
    case .text(let text):
      if text.isPlainDecimal, let number = Int(text) { return number }
      return try value(of: try substituted(text))
    }
  }

  private static func apply(_ op: String, _ left: Int, _ right: Int) throws(Stop) -> Int {
    switch op {
    case "+": return left &+ right
    case "-": return left &- right
    case "*": return left &* right
    case "/", "%":
      guard right != 0 else { throw .failure }
      // INT_MIN / -1 wraps to INT_MIN, and its remainder is 0 (bash 5.2).
      if left == .min, right == -1 { return op == "/" ? .min : 0 }
      return op == "/" ? left / right : left % right
    case "**":
      guard right >= 0 else { throw .failure }
      var result = 1
      var base = left
      var exponent = right
      while exponent > 0 {
        if exponent & 1 == 1 { result = result &* base }
        base = base &* base
        exponent >>= 1
      }
      return result
    case "<<": return left &<< right
    case ">>": return left &>> right
    case "<": return left < right ? 1 : 0
    case ">": return left > right ? 1 : 0
    case "<=": return left <= right ? 1 : 0
    case ">=": return left >= right ? 1 : 0
    case "==": return left == right ? 1 : 0
    case "!=": return left != right ? 1 : 0
    case "&": return left & right
    case "^": return left ^ right
    case "|": return left | right
    default: throw .unknown
    }
  }
}

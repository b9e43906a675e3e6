import ShellScriptModel

/// A comparison, inside a wait loop, between the current time and a deadline fixed before
/// the loop: `(( SECONDS >= deadline ))` with `deadline=$((SECONDS + 900))`,
/// `[[ $(date +%s) -gt $end ]]`, `(( SECONDS - start > TIMEOUT ))`.
///
/// The current time is bash's `SECONDS` or `EPOCHSECONDS` ("Bash Variables",
/// https://www.gnu.org/software/bash/manual/html_node/Bash-Variables.html) or
/// `$(date +%s)`, read in the comparison or in a variable the loop assigns; a variable
/// assigned before the loop holds the time it was assigned at (the loop's start). Both sides
/// are linear in the current time `t`, so the comparison turns at one `t`: `limit`, in
/// seconds after the loop started.
struct ElapsedTimeTest {
  var command: CommandInvocation
  /// Seconds after the start at which the comparison changes; nil when a value in it is
  /// only known at run time.
  var limit: Double?

  /// The test `command` makes, when it compares the current time; nil otherwise.
  static func read(_ command: CommandInvocation, in loop: WaitLoop) -> ElapsedTimeTest? {
    guard let sides = comparedTexts(command) else { return nil }
    let reader = TimeArithmetic(loop: loop)
    let left = reader.value(sides.left, current: true, depth: 0)
    let right = reader.value(sides.right, current: true, depth: 0)
    if let left, let right {
      let slope = left.perSecond - right.perSecond
      guard slope != 0 else { return nil }
      return ElapsedTimeTest(command: command, limit: (right.constant - left.constant) / slope)
    }
    guard reader.mentionsCurrentTime(sides.left, depth: 0) || reader.mentionsCurrentTime(sides.right, depth: 0) else { return nil }
    return ElapsedTimeTest(command: command, limit: nil)
  }

  /// The two sides of a numeric comparison, as written: `(( a >= b ))`, `[[ a -ge b ]]`,
  /// `[ a -ge b ]`, `test a -ge b`.
  static func comparedTexts(_ command: CommandInvocation) -> (left: String, right: String)? {
    switch command.kind {
    case .arithmetic:
      guard let expression = command.resolvedWords.last?.literal else { return nil }
      for symbol in [">=", "<=", "==", "!=", ">", "<"] {
        guard let range = expression.rangeOfText(symbol) else { continue }
        return (String(expression[..<range.lowerBound]), String(expression[range.upperBound...]))
      }
      return nil
    case .conditional, .simple:
      guard command.kind == .conditional || command.isCommand("[") || command.isCommand("test") else { return nil }
      let words = command.kind == .conditional ? Array(command.words.dropFirst()) : command.arguments.filter { $0.text != "]" }
      let operators: Set = ["-ge", "-gt", "-le", "-lt", "-eq", "-ne"]
      guard let index = words.firstIndex(where: { operators.contains($0.text) }), index > 0, index + 1 < words.count else { return nil }
      return (unquoted(words[index - 1].text), unquoted(words[index + 1].text))
    }
  }

  static func unquoted(_ text: String) -> String { text.filter { $0 != "\"" && $0 != "'" } }
}

/// A value linear in the current time: `constant + perSecond × t`.
struct LinearTime: Equatable {
  var constant: Double
  var perSecond: Double

  static func + (a: LinearTime, b: LinearTime) -> LinearTime { LinearTime(constant: a.constant + b.constant, perSecond: a.perSecond + b.perSecond) }
  static func - (a: LinearTime, b: LinearTime) -> LinearTime { LinearTime(constant: a.constant - b.constant, perSecond: a.perSecond - b.perSecond) }
}

/// Evaluates arithmetic text (6.5 "Shell Arithmetic": `+ - * / %`, parentheses, numbers,
/// variables with or without `$`, `$((...))`, `$(date +%s)`) as a `LinearTime`, looking
/// variables up where the wait loop's run assigned them.
struct TimeArithmetic {
  let loop: WaitLoop

  enum Token: Equatable {
    case number(Double)
    case name(String)
    /// `$(date +%s)`.
    case now
    case unknown
    case symbol(Character)
  }

  func value(_ text: String, current: Bool, depth: Int) -> LinearTime? {
    guard depth < 8, let tokens = Self.tokens(text) else { return nil }
    var parser = Parser(tokens: tokens) { token in
      switch token {
      case .number(let number): return LinearTime(constant: number, perSecond: 0)
      case .now: return LinearTime(constant: 0, perSecond: current ? 1 : 0)
      case .name(let name): return variable(name, current: current, depth: depth)
      default: return nil
      }
    }
    guard let result = parser.expression(), parser.isAtEnd else { return nil }
    return result
  }

  /// True when `text` reads the current time, directly or through a variable the loop
  /// assigns.
  func mentionsCurrentTime(_ text: String, depth: Int) -> Bool {
    guard depth < 8, let tokens = Self.tokens(text) else { return false }
    return tokens.contains { token in
      switch token {
      case .now: return true
      case .name(let name):
        if Self.clockNames.contains(name) { return true }
        return loop.assignedValues(name).contains { $0.inLoop && mentionsCurrentTime(Self.text(of: $0.value), depth: depth + 1) }
      default: return false
      }
    }
  }

  static let clockNames: Set = ["SECONDS", "EPOCHSECONDS"]

  private func variable(_ name: String, current: Bool, depth: Int) -> LinearTime? {
    if Self.clockNames.contains(name) { return LinearTime(constant: 0, perSecond: current ? 1 : 0) }
    let assignments = loop.assignedValues(name)
    let inLoop = assignments.filter(\.inLoop)
    let chosen = current && !inLoop.isEmpty ? inLoop : assignments.filter { !$0.inLoop }
    let values = chosen.map { value(Self.text(of: $0.value), current: current && $0.inLoop, depth: depth + 1) }
    if let first = values.first, let known = first, values.allSatisfy({ $0 == known }) { return known }
    if chosen.isEmpty, let final = loop.evaluation.variable(name) { return value(Self.text(of: final), current: false, depth: depth + 1) }
    return nil
  }

  /// Arithmetic text for a resolved value: known text as is, unknown pieces as written.
  static func text(of value: ResolvedWord) -> String { value.description }

  static func tokens(_ text: String) -> [Token]? {
    let characters = Array(text)
    var tokens: [Token] = []
    var index = 0
    func isNameCharacter(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
    while index < characters.count {
      let c = characters[index]
      if c == " " || c == "\t" || c == "\n" || c == "\"" {
        index += 1
      } else if c.isNumber {
        var end = index
        while end < characters.count, isNameCharacter(characters[end]) || characters[end] == "#" { end += 1 }
        let literal = String(characters[index..<end])
        let digits = literal.split(separator: "#").last.map(String.init) ?? literal
        guard let number = Double(digits) else { return nil }
        tokens.append(.number(number))
        index = end
      } else if c == "$" {
        let next = index + 1 < characters.count ? characters[index + 1] : " "
        if next == "(" && index + 2 < characters.count && characters[index + 2] == "(" {
          index += 1  // `$((` is a parenthesised expression
        } else if next == "(" {
          var depth = 0
          var end = index + 1
          while end < characters.count {
            if characters[end] == "(" { depth += 1 }
            if characters[end] == ")" { depth -= 1; if depth == 0 { break } }
            end += 1
          }
          guard end < characters.count else { return nil }
          let command = String(characters[(index + 2)..<end]).split(whereSeparator: { $0 == " " || $0 == "\t" })
          tokens.append(command.first == "date" && command.contains("+%s") ? .now : .unknown)
          index = end + 1
        } else if next == "{" {
          guard let close = characters[index...].firstIndex(of: "}") else { return nil }
          let name = String(characters[(index + 2)..<close])
          tokens.append(name.allSatisfy(isNameCharacter) && !(name.first?.isNumber ?? true) ? .name(name) : .unknown)
          index = close + 1
        } else {
          var end = index + 1
          while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
          guard end > index + 1 else { return nil }
          let name = String(characters[(index + 1)..<end])
          tokens.append(name.first!.isNumber ? .unknown : .name(name))
          index = end
        }
      } else if c == "_" || c.isLetter {
        var end = index
        while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
        tokens.append(.name(String(characters[index..<end])))
        index = end
      } else if "+-*/%()".contains(c) {
        tokens.append(.symbol(c))
        index += 1
      } else {
        return nil
      }
    }
    return tokens
  }

  /// Recursive descent over `+ - * / %` and parentheses; `*`, `/` and `%` only where one
  /// side does not depend on the time.
  struct Parser {
    var tokens: [Token]
    var position = 0
    let leaf: (Token) -> LinearTime?

    init(tokens: [Token], leaf: @escaping (Token) -> LinearTime?) {
      self.tokens = tokens
      self.leaf = leaf
    }

    var isAtEnd: Bool { position == tokens.count }

    mutating func expression() -> LinearTime? {
      guard var result = term() else { return nil }
      while position < tokens.count, case .symbol(let op) = tokens[position], op == "+" || op == "-" {
        position += 1
        guard let next = term() else { return nil }
        result = op == "+" ? result + next : result - next
      }
      return result
    }

    mutating func term() -> LinearTime? {
      guard var result = unary() else { return nil }
      while position < tokens.count, case .symbol(let op) = tokens[position], op == "*" || op == "/" || op == "%" {
        position += 1
        guard let next = unary() else { return nil }
        if op == "*" {
          if result.perSecond == 0 {
            result = LinearTime(constant: result.constant * next.constant, perSecond: result.constant * next.perSecond)
          } else if next.perSecond == 0 {
            result = LinearTime(constant: result.constant * next.constant, perSecond: result.perSecond * next.constant)
          } else {
            return nil
          }
        } else {
          guard next.perSecond == 0, next.constant != 0, op == "/" || result.perSecond == 0 else { return nil }
          if op == "/" {
            result = LinearTime(constant: (result.constant / next.constant).rounded(.towardZero), perSecond: result.perSecond / next.constant)
          } else {
            result = LinearTime(constant: result.constant.truncatingRemainder(dividingBy: next.constant), perSecond: 0)
          }
        }
      }
      return result
    }

    mutating func unary() -> LinearTime? {
      guard position < tokens.count else { return nil }
      if case .symbol("-") = tokens[position] {
        position += 1
        return unary().map { LinearTime(constant: -$0.constant, perSecond: -$0.perSecond) }
      }
      if case .symbol("+") = tokens[position] {
        position += 1
        return unary()
      }
      if case .symbol("(") = tokens[position] {
        position += 1
        guard let inner = expression(), position < tokens.count, tokens[position] == .symbol(")") else { return nil }
        position += 1
        return inner
      }
      let token = tokens[position]
      position += 1
      return leaf(token)
    }
  }
}

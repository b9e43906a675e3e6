import Diagnostics
import Yams

/// Turns Yams/libyaml errors into one located `InputError`.
enum YAMLErrorTranslation {
  /// `format`: the name messages give the file's format, "JSON" for a template written
  /// in JSON (libyaml reads both: JSON is a subset of YAML, so its messages apply), else
  /// "YAML".
  static func inputError(_ error: YamlError, file: String, format: String = "YAML") -> InputError {
    switch error {
    case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml),
      let .composer(context, problem, mark, yaml):
      var message = problem.hasPrefix("Maximum nesting level reached")
        ? "nesting deeper than 1,000 levels (the YAML reader's limit)" : problem
      // A quote left open: libyaml notices at the end of the file; the fault is where the
      // scalar opens, which is where the error points.
      if let context, context.text == "while scanning a quoted scalar", problem.hasPrefix("found unexpected end of stream") {
        return InputError("invalid \(format): this quoted scalar has no closing quote before the end of the file (libyaml: \(problem) \(context.text))", at: location(context.mark, file))
      }
      if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
      // A quoted scalar may span lines, so one left open runs on to the next quote, lines
      // below, and libyaml faults what follows there: point at the opening.
      if let opening = quoteOpenedEarlier(closingBefore: mark, in: yaml) {
        let style = opening.quote == "'" ? "single-quoted" : "double-quoted"
        return InputError("invalid \(format): \(message); the \(style) scalar that opens here closes only at line \(mark.line): is its closing quote missing?", at: SourceLocation(file: file, line: opening.line, column: opening.column))
      }
      // libyaml names no character; a tab is the usual one (YAML 1.2, 6.1 "Indentation
      // Spaces": tabs never indent).
      if problem.hasPrefix("found character that cannot start any token"), character(at: mark, in: yaml) == "\t" {
        message += ": a tab, and YAML indents with spaces only"
      }
      return InputError("invalid \(format): \(message)", at: location(mark, file))
    case let .reader(problem, offset, value, yaml):
      let position = offset.map { lineAndColumn(at: $0, in: yaml) } ?? (1, 1)
      return InputError("invalid \(format) input: \(problem) (byte 0x\(String(value, radix: 16)))", at: .init(file: file, line: position.0, column: position.1))
    case let .duplicatedKeysInMapping(duplicates, context):
      let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
      let first = location(context.mark, file)
      guard let key = duplicates.first, let second = repeatedKey(key, after: first, in: context.text) else {
        return InputError("duplicate mapping key \(names); CloudFormation would silently keep only one", at: first)
      }
      return InputError("duplicate mapping key \(names) (first at line \(first.line)); CloudFormation would silently keep only one", at: SourceLocation(file: file, line: second.line, column: second.column))
    case .memory:
      return InputError("the YAML reader ran out of memory", at: .start(of: file))
    default:
      return InputError("invalid \(format): \(error)", at: .start(of: file))
    }
  }

  /// Where `key` is written again in the same block mapping as the key at `first`: the
  /// next line at the same column that starts with the key, before the mapping ends (a
  /// line indented less). Flow mappings and quoted keys fall back to the first location.
  static func repeatedKey(_ key: String, after first: SourceLocation, in text: String) -> (line: Int, column: Int)? {
    let lines = Self.lines(text)
    guard first.line <= lines.count else { return nil }
    let column = first.column
    for index in first.line..<lines.count {
      let line = lines[index]
      let indent = line.prefix { $0 == " " }.count
      let content = line.dropFirst(indent)
      if content.isEmpty || content.hasPrefix("#") { continue }
      if indent + 1 < column { return nil }
      if indent + 1 == column, content.hasPrefix(key + ":") || content.hasPrefix("\"\(key)\":") || content.hasPrefix("'\(key)':") {
        return (index + 1, column)
      }
    }
    return nil
  }

  /// Where a quoted scalar opens, and its quote, when it closes on `mark`'s line before
  /// `mark` and opens on an earlier line: the quotes before `mark` on its line are odd in
  /// number, the lines between hold none, and the line above them an odd number, its last
  /// one where a scalar may start (first on the line, or after `:`, `-`, `[`, `{`, `,`, a
  /// tag such as `!Sub` or an anchor). Double quotes are tried first, then single ones.
  /// Lines and columns are 1-based, columns in Unicode scalars as libyaml counts. Escaped
  /// quotes (`\"` in a double-quoted scalar, `''` in a single-quoted one) and quotes in
  /// comments are not counted. Nil otherwise: a quoted scalar may span lines (YAML 1.2,
  /// 7.3 "Flow Scalar Styles"), so this only names a likely cause.
  static func quoteOpenedEarlier(closingBefore mark: Mark, in text: String) -> (line: Int, column: Int, quote: Character)? {
    let lines = Self.lines(text)
    guard mark.line >= 2, mark.line <= lines.count else { return nil }
    for quote: Unicode.Scalar in ["\"", "'"] {
      if let found = opening(of: quote, closingBefore: mark, in: lines) { return (found.line, found.column, Character(quote)) }
    }
    return nil
  }

  private static func opening(of quote: Unicode.Scalar, closingBefore mark: Mark, in lines: [Substring]) -> (line: Int, column: Int)? {
    // The columns of the quotes of `line` that open or close a scalar (up to `limit`
    // scalars), starting inside a scalar or not; outside one, `#` after a blank starts a
    // comment.
    func quotes(_ line: Substring, startingInside: Bool, limit: Int = .max) -> [Int] {
      let scalars = Array(line.unicodeScalars.prefix(limit))
      var found: [Int] = []
      var inside = startingInside
      var index = 0
      while index < scalars.count {
        let scalar = scalars[index]
        defer { index += 1 }
        if inside, quote == "\"", scalar == "\\" { index += 1; continue }
        if inside, quote == "'", scalar == "'", index + 1 < scalars.count, scalars[index + 1] == "'" { index += 1; continue }
        if !inside, scalar == "#", index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t" { break }
        if scalar == quote {
          found.append(index + 1)
          inside.toggle()
        }
      }
      return found
    }
    // Closed before the mark: an odd number of quotes there, starting inside.
    guard quotes(lines[mark.line - 1], startingInside: true, limit: max(mark.column - 1, 0)).count % 2 == 1 else { return nil }
    // The lines the scalar spans hold no quote; the one it opens on, an odd number.
    for index in stride(from: mark.line - 2, through: 0, by: -1) {
      let found = quotes(lines[index], startingInside: false)
      if found.isEmpty { continue }
      guard found.count % 2 == 1, let column = found.last else { return nil }
      // What is written before the quote, a tag (`!Sub`, `!!str`) or an anchor (`&a`)
      // left out.
      var words = lines[index].unicodeScalars.prefix(column - 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
      while let last = words.last, last.first == "!" || last.first == "&" { words.removeLast() }
      guard let before = words.last?.last else { return (index + 1, column) }
      return [":", "-", "[", "{", ","].contains(before) ? (index + 1, column) : nil
    }
    return nil
  }

  /// The character at `mark` (1-based line and column, in characters) of `text`.
  static func character(at mark: Mark, in text: String) -> Character? {
    guard mark.line >= 1, mark.column >= 1 else { return nil }
    var lines = Self.lines(text)
    guard mark.line <= lines.count else { return nil }
    let line = lines.remove(at: mark.line - 1)
    guard mark.column <= line.count else { return nil }
    return line[line.index(line.startIndex, offsetBy: mark.column - 1)]
  }

  /// `text`'s lines as libyaml counts them: LF, CR LF and CR end a line (YAML 1.2, 5.4
  /// "Line Break Characters"). A CR LF is one `Character`, so splitting at "\n" alone
  /// left a CRLF file one line.
  static func lines(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
  }

  static func location(_ mark: Mark, _ file: String) -> SourceLocation {
    SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
  }

  private static func lineAndColumn(at offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var column = 1
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if index >= offset { break }
      if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    return (line, column)
  }
}

import Diagnostics

/// Checks that a samconfig file is syntactically valid TOML 1.0 before TOMLKit reads it,
/// and reports the first fault at its line and column.
///
/// Why this exists: toml++ 3.x, the parser inside TOMLKit 0.6.0, decides what to parse
/// from the first character and then asserts what it expects instead of checking it
/// (`TOML_ASSERT_ASSUME`: a table header's first key character, the digit after a
/// date-time's `T`, ...). With C++ assertions on (SwiftPM debug builds, and release
/// builds, which do not define NDEBUG for C++ targets) the process aborts; with them off
/// it is undefined behaviour. Fuzzing found two such inputs within a minute (Fuzz/,
/// regression inputs in Fuzz/Regressions/FuzzSamConfig/). So only text that follows the
/// grammar reaches toml++; what the grammar cannot see (duplicate keys, a table defined
/// twice, an impossible date) is still toml++'s to report, which it does with an error.
///
/// Grammar: the TOML 1.0.0 ABNF (https://toml.io/en/v1.0.0, toml.abnf): comments,
/// `[table]` and `[[array-of-tables]]` headers, bare, quoted and dotted keys, basic,
/// literal and multi-line strings (escapes checked), integers (decimal, `0x`, `0o`,
/// `0b`, `_` separators), floats (`inf`, `nan`), booleans, offset and local date-times,
/// dates and times, arrays (multi-line, trailing comma) and inline tables. Arrays and
/// inline tables nest at most `maximumDepth` levels (toml++ recurses per level).
struct TOMLSyntaxCheck {
  /// The deepest nesting of arrays and inline tables accepted: 100.
  static let maximumDepth = 100

  struct Fault: Error {
    var message: String
    var offset: Int
  }

  private let text: [Unicode.Scalar]
  private var index = 0

  private init(_ text: [Unicode.Scalar]) { self.text = text }

  /// The first syntax fault of `source` as an `InputError`, or nil if it is valid TOML.
  static func firstFault(in source: SourceText) -> InputError? {
    let scalars = Array(source.text.unicodeScalars)
    var check = TOMLSyntaxCheck(scalars)
    // toml++ skips one byte-order mark (SourceText already dropped a first one).
    if scalars.first == "\u{FEFF}" { check.index = 1 }
    do {
      try check.document()
      return nil
    } catch {
      var line = 1
      var column = 1
      for scalar in scalars.prefix(error.offset) {
        if scalar == "\n" { line += 1; column = 1 } else if scalar != "\r" { column += 1 }
      }
      return InputError("invalid TOML: \(error.message)", at: SourceLocation(file: source.file, line: line, column: column))
    }
  }

  // MARK: - Structure

  private mutating func document() throws(Fault) {
    while !atEnd {
      skipWhitespace()
      if let scalar = peek(), scalar == "[" {
        try tableHeader()
      } else if let scalar = peek(), Self.startsKey(scalar) {
        try keyValue()
      }
      skipWhitespace()
      try endOfLine()
    }
  }

  /// `[key]` or `[[key]]`.
  private mutating func tableHeader() throws(Fault) {
    index += 1
    let isArray = peek() == "["
    if isArray { index += 1 }
    skipWhitespace()
    try key()
    skipWhitespace()
    try expect("]", "expected ']' to close the table header")
    if isArray { try expect("]", "expected ']]' to close the array-of-tables header") }
  }

  private mutating func keyValue() throws(Fault) {
    try key()
    skipWhitespace()
    try expect("=", "expected '=' after the key")
    skipWhitespace()
    try value(depth: 0)
  }

  /// A simple or dotted key.
  private mutating func key() throws(Fault) {
    while true {
      guard let scalar = peek() else { throw fault("expected a key, found the end of the file") }
      if scalar == "\"" || scalar == "'" {
        if peek(1) == scalar && peek(2) == scalar { throw fault("a key cannot be a multi-line string") }
        try string()
      } else if Self.isBareKey(scalar) {
        while let next = peek(), Self.isBareKey(next) { index += 1 }
      } else {
        throw fault("expected a bare key (A-Z, a-z, 0-9, '-', '_') or a quoted key, found \(describe(scalar))")
      }
      skipWhitespace()
      guard peek() == "." else { return }
      index += 1
      skipWhitespace()
    }
  }

  /// After an expression: optional comment, then a newline or the end of the file.
  private mutating func endOfLine() throws(Fault) {
    if peek() == "#" { try comment() }
    guard let scalar = peek() else { return }
    if scalar == "\n" { index += 1; return }
    if scalar == "\r" && peek(1) == "\n" { index += 2; return }
    throw fault("expected a newline or a comment, found \(describe(scalar))")
  }

  private mutating func comment() throws(Fault) {
    index += 1
    while let scalar = peek(), scalar != "\n" {
      if scalar == "\r" && peek(1) == "\n" { return }
      if Self.isControl(scalar) { throw fault("control character \(describe(scalar)) in a comment") }
      index += 1
    }
  }

  // MARK: - Values

  private mutating func value(depth: Int) throws(Fault) {
    guard let scalar = peek() else { throw fault("expected a value, found the end of the file") }
    switch scalar {
    case "\"", "'": try string()
    case "[": try array(depth: depth + 1)
    case "{": try inlineTable(depth: depth + 1)
    default: try atom()
    }
  }

  private mutating func array(depth: Int) throws(Fault) {
    guard depth <= Self.maximumDepth else { throw fault("arrays and inline tables nested more than \(Self.maximumDepth) levels deep") }
    index += 1
    while true {
      try skipWhitespaceCommentsAndNewlines()
      if peek() == "]" { index += 1; return }
      try value(depth: depth)
      try skipWhitespaceCommentsAndNewlines()
      if peek() == "," { index += 1; continue }
      try expect("]", "expected ',' or ']' in an array")
      return
    }
  }

  private mutating func inlineTable(depth: Int) throws(Fault) {
    guard depth <= Self.maximumDepth else { throw fault("arrays and inline tables nested more than \(Self.maximumDepth) levels deep") }
    index += 1
    skipWhitespace()
    if peek() == "}" { index += 1; return }
    while true {
      skipWhitespace()
      guard let scalar = peek(), Self.startsKey(scalar) else { throw fault("expected a key in an inline table, found \(describe(peek()))") }
      try key()
      skipWhitespace()
      try expect("=", "expected '=' after the key")
      skipWhitespace()
      try value(depth: depth)
      skipWhitespace()
      if peek() == "," { index += 1; continue }
      try expect("}", "expected ',' or '}' in an inline table (inline tables are one line, without a trailing comma)")
      return
    }
  }

  /// A number, boolean, date or time: the run of characters such values use, matched
  /// against the TOML grammar.
  private mutating func atom() throws(Fault) {
    let start = index
    while let scalar = peek(), Self.isAtomCharacter(scalar) { index += 1 }
    var token = String(String.UnicodeScalarView(text[start..<index]))
    // A date and a time may be separated by one space (`1979-05-27 07:32:00`).
    if TOMLAtom.isDate(token), peek() == " ", let next = peek(1), ("0"..."9").contains(next) {
      index += 1
      while let scalar = peek(), Self.isAtomCharacter(scalar) { index += 1 }
      token = String(String.UnicodeScalarView(text[start..<index]))
    }
    guard !token.isEmpty else { throw fault("expected a value, found \(describe(peek()))") }
    guard TOMLAtom.isValid(token) else {
      index = start
      throw fault("`\(token.prefix(40))` is not a TOML value (string, number, boolean, date or time)")
    }
  }

  // MARK: - Strings

  private mutating func string() throws(Fault) {
    let quote = text[index]
    let start = index
    if peek(1) == quote && peek(2) == quote {
      index += 3
      // A newline right after the opening delimiter is trimmed; any other is content.
      while true {
        guard let scalar = peek() else { index = start; throw fault("unterminated multi-line string") }
        if scalar == quote && peek(1) == quote && peek(2) == quote {
          var run = 3
          while peek(run) == quote { run += 1 }
          guard run <= 5 else { throw fault("too many quotes closing a multi-line string") }
          index += run
          return
        }
        if scalar == "\\" && quote == "\"" {
          try escape(multiLine: true)
          continue
        }
        if scalar == "\r" && peek(1) == "\n" { index += 2; continue }
        if scalar != "\n" && scalar != "\t" && Self.isControl(scalar) {
          throw fault("control character \(describe(scalar)) in a string")
        }
        index += 1
      }
    }
    index += 1
    while true {
      guard let scalar = peek(), scalar != "\n", !(scalar == "\r" && peek(1) == "\n") else {
        index = start
        throw fault("unterminated string")
      }
      if scalar == quote { index += 1; return }
      if scalar == "\\" && quote == "\"" {
        try escape(multiLine: false)
        continue
      }
      if scalar != "\t" && Self.isControl(scalar) { throw fault("control character \(describe(scalar)) in a string") }
      index += 1
    }
  }

  /// `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`, and in multi-line basic strings a `\`
  /// that ends a line (with trailing whitespace) to join lines.
  private mutating func escape(multiLine: Bool) throws(Fault) {
    let start = index
    index += 1
    guard let scalar = peek() else { throw fault("unterminated string") }
    switch scalar {
    case "b", "t", "n", "f", "r", "\"", "\\":
      index += 1
    case "u", "U":
      let count = scalar == "u" ? 4 : 8
      var value: UInt32 = 0
      for offset in 1...count {
        guard let digit = peek(offset), let number = digit.hexDigitValue else {
          index = start
          throw fault("\\\(scalar) needs \(count) hexadecimal digits")
        }
        value = value &* 16 &+ number
      }
      guard Unicode.Scalar(value) != nil else {
        index = start
        throw fault("\\\(scalar) escape is not a Unicode scalar value")
      }
      index += count + 1
    case " ", "\t", "\r", "\n":
      guard multiLine else {
        index = start
        throw fault("unknown escape \\\(scalar.escaped(asASCII: true))")
      }
      var probe = index
      while probe < text.count, text[probe] == " " || text[probe] == "\t" { probe += 1 }
      guard probe < text.count, text[probe] == "\n" || (text[probe] == "\r" && probe + 1 < text.count && text[probe + 1] == "\n") else {
        index = start
        throw fault("a line-ending backslash must be followed by the end of the line")
      }
      index = probe
      while let next = peek(), next == " " || next == "\t" || next == "\n" || (next == "\r" && peek(1) == "\n") { index += 1 }
    default:
      index = start
      throw fault("unknown escape \\\(scalar.escaped(asASCII: true))")
    }
  }

  // MARK: - Lexical helpers

  private var atEnd: Bool { index >= text.count }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < text.count ? text[index + offset] : nil
  }

  private mutating func skipWhitespace() {
    while let scalar = peek(), scalar == " " || scalar == "\t" { index += 1 }
  }

  private mutating func skipWhitespaceCommentsAndNewlines() throws(Fault) {
    while let scalar = peek() {
      if scalar == " " || scalar == "\t" || scalar == "\n" {
        index += 1
      } else if scalar == "\r" && peek(1) == "\n" {
        index += 2
      } else if scalar == "#" {
        try comment()
      } else {
        return
      }
    }
  }

  private mutating func expect(_ scalar: Unicode.Scalar, _ message: String) throws(Fault) {
    guard peek() == scalar else { throw fault("\(message), found \(describe(peek()))") }
    index += 1
  }

  private func fault(_ message: String) -> Fault { Fault(message: message, offset: index) }

  private func describe(_ scalar: Unicode.Scalar?) -> String {
    guard let scalar else { return "the end of the file" }
    return "'\(scalar.escaped(asASCII: true))'"
  }

  private static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
    isBareKey(scalar) || scalar == "\"" || scalar == "'"
  }

  private static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
  }

  private static func isAtomCharacter(_ scalar: Unicode.Scalar) -> Bool {
    isBareKey(scalar) || scalar == "+" || scalar == "." || scalar == ":"
  }

  /// Control characters TOML forbids in comments and strings (tab is allowed).
  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
  }
}

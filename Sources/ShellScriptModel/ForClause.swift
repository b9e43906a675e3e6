import Diagnostics

/// `for NAME [in words]; do list; done`, `select NAME ...`, and `for (( init; test; step ))`
/// (Bash Reference Manual, 3.2.5.1 "Looping Constructs" and 3.2.5.2 for `select`).
public struct ForClause: Sendable, Hashable {
  public enum Header: Sendable, Hashable {
    /// The loop variable and the words after `in`; nil words means `in "$@"`.
    case words(variable: String, words: [Word]?)
    /// The text between `((` and `))`.
    case arithmetic(String)
  }

  /// True for `select`.
  public var isSelect: Bool
  public var header: Header
  public var body: [Statement]

  public init(isSelect: Bool, header: Header, body: [Statement]) {
    self.isSelect = isSelect
    self.header = header
    self.body = body
  }

  /// The three expressions of an arithmetic header (`i=0; i<3; i++` → `i=0`, ` i<3`,
  /// ` i++`), split at the semicolons outside parentheses; nil unless there are three.
  static func arithmeticParts(_ text: String) -> (initial: String, condition: String, step: String)? {
    var parts: [String] = []
    var current = String.UnicodeScalarView()
    var nesting = 0
    for c in text.unicodeScalars {
      if c == "(" { nesting += 1 }
      if c == ")" { nesting -= 1 }
      if c == ";", nesting == 0 {
        parts.append(String(current))
        current = String.UnicodeScalarView()
      } else {
        current.append(c)
      }
    }
    parts.append(String(current))
    guard parts.count == 3 else { return nil }
    return (parts[0], parts[1].trimmingBlanks(), parts[2])
  }
}

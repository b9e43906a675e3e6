import Diagnostics

/// A variable assignment `NAME=value`, `NAME+=value`, `NAME[sub]=value` or `NAME=(a b)`.
///
/// Bash Reference Manual, 3.4 "Shell Parameters": the value undergoes tilde, parameter and
/// variable expansion, command substitution, arithmetic expansion and quote removal, but
/// not word splitting or filename expansion. Assignments appear before a command name
/// (`FOO=1 cmd`), alone (`FOO=$(cmd)`, an assignment-only statement), or as arguments of
/// the declaration builtins `local`, `export`, `declare`, `typeset`, `readonly`
/// (4.2 "Bash Builtin Commands").
public struct Assignment: Sendable, Hashable {
  /// The value: one word, or the elements of an array literal.
  public enum Value: Sendable, Hashable {
    case scalar(Word)
    case array([Word])

    /// The words of the value.
    public var words: [Word] {
      switch self {
      case .scalar(let word): return [word]
      case .array(let words): return words
      }
    }
  }

  public var name: String
  public var arrayIndex: String?
  /// True for `+=`.
  public var isAppend: Bool
  public var value: Value
  /// Where the name starts.
  public var location: SourceLocation
  /// The whole assignment word as written.
  public var text: String

  public init(name: String, arrayIndex: String? = nil, isAppend: Bool = false, value: Value, location: SourceLocation, text: String) {
    self.name = name
    self.arrayIndex = arrayIndex
    self.isAppend = isAppend
    self.value = value
    self.location = location
    self.text = text
  }

  /// True when the value contains a command substitution (`X=$(cmd)`, `X="a-$(cmd)"`).
  public var hasCommandSubstitution: Bool {
    value.words.contains { $0.containsCommandSubstitution }
  }

  /// Reads `word` as an assignment when it starts with an unquoted `NAME=`, `NAME+=` or
  /// `NAME[sub]=`; nil otherwise.
  public init?(word: Word) {
    guard let first = word.parts.first, case .literal(let head) = first.kind,
      let c0 = head.unicodeScalars.first, Lexical.isNameStart(c0), head.unicodeScalars.contains("=")
    else { return nil }
    let scalars = Array(head.unicodeScalars)
    var index = 1
    while index < scalars.count, Lexical.isNameCharacter(scalars[index]) { index += 1 }
    let name = String(scalars: scalars[0..<index])
    var subscriptText: String?
    if index < scalars.count, scalars[index] == "[" {
      guard let close = scalars[index...].firstIndex(of: "]") else { return nil }
      subscriptText = String(scalars: scalars[(index + 1)..<close])
      index = close + 1
    }
    var append = false
    if index < scalars.count, scalars[index] == "+" {
      append = true
      index += 1
    }
    guard index < scalars.count, scalars[index] == "=" else { return nil }
    index += 1
    let prefixLength = index
    var valueParts = Array(word.parts.dropFirst())
    let rest = String(scalars: scalars[index...])
    let valueLocation = SourceLocation(file: first.location.file, line: first.location.line, column: first.location.column + prefixLength)
    if !rest.isEmpty { valueParts.insert(WordPart(.literal(rest), at: valueLocation), at: 0) }
    let rawValue = String(scalars: word.text.unicodeScalars.dropFirst(prefixLength))
    let location = valueParts.first?.location ?? valueLocation
    if valueParts.count == 1, case .arrayLiteral(let elements) = valueParts[0].kind {
      self.init(name: name, arrayIndex: subscriptText, isAppend: append, value: .array(elements), location: word.location, text: word.text)
    } else {
      let valueWord = Word(parts: valueParts, location: location, text: rawValue)
      self.init(name: name, arrayIndex: subscriptText, isAppend: append, value: .scalar(valueWord), location: word.location, text: word.text)
    }
  }
}

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
  /// The subscript as written, without its brackets (`2`, `"k"`, `$k`); nil for a plain name.
  public var arrayIndex: String?
  /// The subscript's parts (quotes and expansions kept), when there is one.
  public var subscriptWord: Word?
  /// True for `+=`.
  public var isAppend: Bool
  public var value: Value
  /// Where the name starts.
  public var location: SourceLocation
  /// The whole assignment word as written.
  public var text: String

  public init(
    name: String, arrayIndex: String? = nil, subscriptWord: Word? = nil, isAppend: Bool = false, value: Value, location: SourceLocation, text: String
  ) {
    self.name = name
    self.arrayIndex = arrayIndex
    self.subscriptWord = subscriptWord
    self.isAppend = isAppend
    self.value = value
    self.location = location
    self.text = text
  }

  /// True when the value contains a command substitution (`X=$(cmd)`, `X="a-$(cmd)"`).
  public var hasCommandSubstitution: Bool {
    value.words.contains { $0.containsCommandSubstitution }
  }

  /// Reads `word` as an assignment when it starts with an unquoted `NAME=`, `NAME+=`,
  /// `NAME[sub]=` or `NAME[sub]+=`; nil otherwise.
  ///
  /// The name and the `[` after it must be unquoted (`'A'=1` and `A"[0]"=1` are command
  /// names), so must the `]` that closes the subscript and the `=` after it. The subscript
  /// itself may hold quotes and expansions, as bash reads it (`A["k"]=v`, `A['k']=v`,
  /// `BASH_CMDS[$k]=/x`, `A[$((i+1))]=v`); brackets inside it nest (`A[x[y]]=1`).
  /// `arrayIndex` is then the subscript as written (`"k"`, `$k`) and `subscriptWord` its parts.
  /// Bash Reference Manual, 6.7 "Arrays" and 3.4 "Shell Parameters".
  public init?(word: Word) {
    guard let first = word.parts.first, case .literal(let head) = first.kind,
      let c0 = head.unicodeScalars.first, Lexical.isNameStart(c0)
    else { return nil }
    let headScalars = Array(head.unicodeScalars)
    var index = 1
    while index < headScalars.count, Lexical.isNameCharacter(headScalars[index]) { index += 1 }
    let name = String(scalars: headScalars[0..<index])
    guard index < headScalars.count else { return nil }
    // Where the `=` is: part `valuePart`, scalar `valueStart` (the value starts after it).
    var partIndex = 0
    var scalars = headScalars
    var subscriptParts: [WordPart]?
    if scalars[index] == "[" {
      var parts: [WordPart] = []
      var depth = 0
      var pending: [Unicode.Scalar] = []
      var pendingLocation: SourceLocation?
      func flush() {
        if let pendingLocation, !pending.isEmpty { parts.append(WordPart(.literal(String(scalars: pending)), at: pendingLocation)) }
        pending = []
        pendingLocation = nil
      }
      index += 1
      var closed = false
      scan: while true {
        if index >= scalars.count {
          flush()
          partIndex += 1
          guard partIndex < word.parts.count else { return nil }
          let part = word.parts[partIndex]
          guard case .literal(let text) = part.kind else {
            parts.append(part)
            index = 0
            scalars = []
            continue scan
          }
          scalars = Array(text.unicodeScalars)
          index = 0
          continue scan
        }
        let c = scalars[index]
        if c == "]" {
          if depth == 0 {
            closed = true
            break scan
          }
          depth -= 1
        } else if c == "[" {
          depth += 1
        }
        if pending.isEmpty {
          let part = word.parts[partIndex]
          pendingLocation = SourceLocation(file: part.location.file, line: part.location.line, column: part.location.column + index)
        }
        pending.append(c)
        index += 1
      }
      guard closed else { return nil }
      flush()
      subscriptParts = parts
      index += 1
    }
    var append = false
    if index < scalars.count, scalars[index] == "+" {
      append = true
      index += 1
    }
    guard index < scalars.count, scalars[index] == "=" else { return nil }
    index += 1
    let equalsPart = word.parts[partIndex]
    var valueParts = Array(word.parts[(partIndex + 1)...])
    let rest = String(scalars: scalars[index...])
    let valueLocation = SourceLocation(file: equalsPart.location.file, line: equalsPart.location.line, column: equalsPart.location.column + index)
    if !rest.isEmpty { valueParts.insert(WordPart(.literal(rest), at: valueLocation), at: 0) }
    let written = Self.writtenPrefix(word.text)
    let rawValue = written.map { String(scalars: word.text.unicodeScalars.dropFirst($0.valueStart)) } ?? ""
    let location = valueParts.first?.location ?? valueLocation
    let subscriptText: String? = subscriptParts.map { parts in
      if let written, let range = written.subscript { return String(scalars: Array(word.text.unicodeScalars)[range]) }
      return parts.compactMap(\.literalValue).joined()
    }
    let value: Value
    if valueParts.count == 1, case .arrayLiteral(let elements) = valueParts[0].kind {
      value = .array(elements)
    } else {
      value = .scalar(Word(parts: valueParts, location: location, text: rawValue))
    }
    let subscriptWord = subscriptParts.map { Word(parts: $0, location: $0.first?.location ?? valueLocation, text: subscriptText ?? "") }
    self.init(name: name, arrayIndex: subscriptText, subscriptWord: subscriptWord, isAppend: append, value: value, location: word.location, text: word.text)
  }

  /// Reads an argument of a declaration builtin (`local`, `declare`, `typeset`, `export`,
  /// `readonly`) or of `env` as an assignment. Those commands read `NAME=value` in the
  /// argument after expansion and quote removal, so `export "PATH=$PATH:/x"` and
  /// `declare 'A[k]'=1` are assignments too: any word is, whose text up to its first `=`
  /// is known without expanding anything and reads `NAME`, `NAME[sub]` or `NAME+` (the
  /// value is what follows, quotes kept). nil otherwise: `declare "$v=/x"` names its
  /// variable only at run time.
  public init?(declarationArgument word: Word) {
    if let assignment = Assignment(word: word) {
      self = assignment
      return
    }
    var prefix = ""
    for (position, part) in word.parts.enumerated() {
      switch Self.splitAtEquals(part) {
      case .expansion:
        return nil
      case .text(let text):
        prefix += text
      case .split(let before, let remainder):
        prefix += before
        var head = Substring(prefix)
        var append = false
        if head.hasSuffix("+") {
          append = true
          head = head.dropLast()
        }
        var subscriptText: String?
        if let open = head.firstIndex(of: "["), head.hasSuffix("]") {
          subscriptText = String(head[head.index(after: open)..<head.index(before: head.endIndex)])
          head = head[..<open]
        }
        guard Lexical.isName(head) else { return nil }
        let valueParts = (remainder.map { [$0] } ?? []) + word.parts[(position + 1)...]
        let text = word.text.firstIndex(of: "=").map { String(word.text[word.text.index(after: $0)...]) } ?? ""
        let location = valueParts.first?.location ?? part.location
        self.init(
          name: String(head), arrayIndex: subscriptText, subscriptWord: subscriptText.map { Word(literal: $0, at: word.location) }, isAppend: append,
          value: .scalar(Word(parts: valueParts, location: location, text: text)), location: word.location, text: word.text)
        return
      }
    }
    return nil
  }

  private enum EqualsSplit {
    /// The part holds an expansion before any `=`.
    case expansion
    /// The part's text, with no `=` in it.
    case text(String)
    /// The text before the first `=`, and what follows it as a part of the same kind (nil
    /// when nothing does).
    case split(String, WordPart?)
  }

  private static func splitAtEquals(_ part: WordPart) -> EqualsSplit {
    func cut(_ text: String, _ make: (String) -> WordPart.Kind) -> EqualsSplit {
      guard let equals = text.firstIndex(of: "=") else { return .text(text) }
      let rest = String(text[text.index(after: equals)...])
      return .split(String(text[..<equals]), rest.isEmpty ? nil : WordPart(make(rest), at: part.location))
    }
    switch part.kind {
    case .literal(let text): return cut(text, WordPart.Kind.literal)
    case .escaped(let text): return cut(text, WordPart.Kind.escaped)
    case .singleQuoted(let text): return cut(text, WordPart.Kind.singleQuoted)
    case .ansiCQuoted(let text): return cut(text, WordPart.Kind.ansiCQuoted)
    case .doubleQuoted(let inner):
      var before = ""
      for (position, innerPart) in inner.enumerated() {
        switch splitAtEquals(innerPart) {
        case .expansion: return .expansion
        case .text(let text): before += text
        case .split(let text, let remainder):
          let rest = (remainder.map { [$0] } ?? []) + inner[(position + 1)...]
          return .split(before + text, WordPart(.doubleQuoted(rest), at: part.location))
        }
      }
      return .text(before)
    default:
      return .expansion
    }
  }

  /// In an assignment word's source text, the subscript between its brackets (nil without
  /// one) and where the value starts: quotes, backslashes and nested brackets are skipped
  /// as bash does when it finds the closing `]`. nil when the text does not read so.
  static func writtenPrefix(_ text: String) -> (subscript: Range<Int>?, valueStart: Int)? {
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count, Lexical.isNameCharacter(scalars[index]) { index += 1 }
    var range: Range<Int>?
    if index < scalars.count, scalars[index] == "[" {
      let open = index + 1
      var depth = 0
      index = open
      var quote: Unicode.Scalar?
      var closed = false
      while index < scalars.count {
        let c = scalars[index]
        if let open = quote {
          if c == "\\", open == "\"", index + 1 < scalars.count {
            index += 1
          } else if c == open {
            quote = nil
          }
        } else if c == "\\" {
          index += 1
        } else if c == "'" || c == "\"" {
          quote = c
        } else if c == "[" {
          depth += 1
        } else if c == "]" {
          if depth == 0 {
            closed = true
            break
          }
          depth -= 1
        }
        index += 1
      }
      guard closed else { return nil }
      range = open..<index
      index += 1
    }
    if index < scalars.count, scalars[index] == "+" { index += 1 }
    guard index < scalars.count, scalars[index] == "=" else { return nil }
    return (range, index + 1)
  }
}

/// Character classes of the shell grammar (Bash Reference Manual, 2 "Definitions").
enum Lexical {
  /// A metacharacter separates words when unquoted: space, tab, newline, `|&;()<>`.
  static func isMetacharacter(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case " ", "\t", "\n", "|", "&", ";", "(", ")", "<", ">": return true
    default: return false
    }
  }

  /// First character of a name: an ASCII letter or underscore.
  static func isNameStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }

  /// Later characters of a name: letters, digits, underscore.
  static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
    isNameStart(c) || isDigit(c)
  }

  static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  /// True when `text` is a valid shell name (`[A-Za-z_][A-Za-z0-9_]*`).
  static func isName(_ text: Substring) -> Bool {
    guard let first = text.unicodeScalars.first, isNameStart(first) else { return false }
    return text.unicodeScalars.allSatisfy(isNameCharacter)
  }

  static func isName(_ text: String) -> Bool { isName(text[...]) }

  /// The special parameters of 3.4.2 "Special Parameters" that `$c` expands.
  static func isSpecialParameter(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "@", "*", "#", "?", "-", "$", "!": return true
    default: return false
    }
  }
}

extension Evaluator {
  /// IFS as bash sets it at startup: space, tab, newline (3.5.7 "Word Splitting"; bash
  /// ignores an IFS in the environment).
  static let defaultIFS = " \t\n"

  /// The characters unquoted expansions split at here: IFS's value (the default when it
  /// is unset); nil when the walk does not know it.
  var fieldSeparators: String? {
    switch state.variables["IFS"] ?? initialBinding("IFS") {
    case .unset: return Self.defaultIFS
    case .scalar(let value): return value.literal
    case .array: return nil
    }
  }

  /// True when IFS splits and joins as the default does: space, tab and newline, space first.
  var ifsIsDefault: Bool {
    guard let separators = fieldSeparators else { return false }
    return separators.first == " " && Set(separators) == Set(Self.defaultIFS)
  }

  /// Splits `text` as bash splits the result of an unquoted expansion at `separators`
  /// (3.5.7): IFS whitespace at the start and end is dropped and a run of it separates two
  /// fields; every other IFS character separates two fields (so `a,,b` at `,` gives an
  /// empty field between), taking the IFS whitespace around it along. Empty `separators`:
  /// no splitting; an empty text gives no field.
  static func split(_ text: String, at separators: String) -> [String] {
    guard !text.isEmpty else { return [] }
    guard !separators.isEmpty else { return [text] }
    let whitespace = Set(separators.filter { $0 == " " || $0 == "\t" || $0 == "\n" })
    let others = Set(separators.filter { !whitespace.contains($0) })
    let characters = Array(text)
    var fields: [String] = []
    var current = ""
    var index = 0
    func skipWhitespace() { while index < characters.count, whitespace.contains(characters[index]) { index += 1 } }
    skipWhitespace()
    while index < characters.count {
      let c = characters[index]
      if whitespace.contains(c) {
        fields.append(current)
        current = ""
        skipWhitespace()
        if index < characters.count, others.contains(characters[index]) {
          index += 1
          skipWhitespace()
        }
      } else if others.contains(c) {
        fields.append(current)
        current = ""
        index += 1
        skipWhitespace()
      } else {
        current.append(c)
        index += 1
      }
    }
    if !current.isEmpty { fields.append(current) }
    return fields
  }

  /// True when `word` has an unquoted expansion, whose result bash splits at IFS (3.5.7).
  /// The walk keeps such a word as one value (`CommandInvocation.resolvedWords`), which is
  /// what bash gives with the default IFS for a value without blanks; with another IFS it
  /// may not be. (`"$*"` and `"${A[*]}"` are joined with the IFS in effect, see
  /// `joinSeparator`, so they stay right.)
  static func dependsOnIFS(_ word: Word) -> Bool {
    word.parts.contains { part in
      switch part.kind {
      case .parameter, .commandSubstitution, .arithmetic: true
      default: false
      }
    }
  }

  /// How `$*` and `${A[*]}` join elements: IFS's first character (nothing when IFS is
  /// empty, a space when it is unset); nil when IFS is not known.
  var joinSeparator: String? {
    fieldSeparators.map { $0.first.map(String.init) ?? "" }
  }
}

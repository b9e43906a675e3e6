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

  /// True when `word` certainly expands to exactly one field: no unquoted expansion (split
  /// at IFS), no `"$@"` or `"${a[@]}"` (a field per element), no unquoted `*`, `?`, `[`
  /// (filename expansion) or `{` (brace expansion). (3.5 "Shell Expansions".)
  static func isOneField(_ word: Word) -> Bool {
    word.parts.allSatisfy { part in
      switch part.kind {
      case .literal(let text): return !text.unicodeScalars.contains { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "{" }
      case .escaped, .singleQuoted, .ansiCQuoted, .tilde: return true
      case .doubleQuoted(let inner):
        return !inner.contains { inner in
          guard case .parameter(let expansion) = inner.kind else { return false }
          return expansion.parameter == "@" || expansion.arrayIndex == "@"
        }
      case .parameter, .commandSubstitution, .processSubstitution, .arithmetic, .arrayLiteral: return false
      }
    }
  }

  /// The fields a function call passes for its argument `words` (resolved to `values`):
  /// one per word that is one field (`isOneField`), the caller's positional parameters for
  /// a word that is `"$@"` alone; nil when a word may split into another number of fields
  /// (`f $x`, `f "${a[@]}"`, `f $(cmd)`, `f *.txt`), as the walk does not split them.
  func callArguments(_ words: [Word], _ values: [ResolvedWord]) -> [ResolvedWord]? {
    var fields: [ResolvedWord] = []
    fields.reserveCapacity(words.count)
    for (word, value) in zip(words, values) {
      if Self.isAllPositionalParameters(word) {
        guard let positional = state.positional else { return nil }
        fields += positional
      } else {
        guard Self.isOneField(word) else { return nil }
        fields.append(value)
      }
    }
    return fields
  }

  /// The fields of a word of a list bash splits into words (an array literal, a `for`
  /// list), the word recorded as usual: `"$@"` and `"${a[@]}"` give one field per element
  /// (3.4.2 "Special Parameters", 6.7 "Arrays": `t=("${t[@]}" "${t[@]}")` doubles t), an
  /// unquoted expansion splits at IFS (`fields(of:_:)`), anything else is one field.
  /// An array of more than `maximumListedElements` stays one joined value, so doubling
  /// an array on every line cannot grow it without bound.
  func listFields(_ word: Word, _ context: WalkContext) -> [ResolvedWord] {
    let value = resolveRecorded(word, context)
    if let expansion = Self.allElementsExpansion(word),
      let elements = elementResults(expansion, nil, symbolic: ResolvedWord(symbol: Symbol(kind: .unsupported, expression: expansion.text, location: expansion.location)))
    {
      return elements
    }
    return fields(of: word, value)
  }

  /// The most elements `"${a[@]}"` gives one by one in a list (see `listFields`).
  static let maximumListedElements = 1_000

  /// The expansion of the word `"${NAME[@]...}"` or `"${@...}"` (one per element), and nil
  /// for any other word.
  static func allElementsExpansion(_ word: Word) -> ParameterExpansion? {
    guard word.parts.count == 1, case .doubleQuoted(let inner) = word.parts[0].kind, inner.count == 1,
      case .parameter(let expansion) = inner[0].kind, !expansion.isIndirect,
      expansion.arrayIndex == "@" || (expansion.arrayIndex == nil && expansion.parameter == "@")
    else { return nil }
    return expansion
  }

  /// True for the word `"$@"` (or `"${@}"`) and nothing else.
  static func isAllPositionalParameters(_ word: Word) -> Bool {
    guard let expansion = allElementsExpansion(word), expansion.arrayIndex == nil, case .value = expansion.operation else { return false }
    return true
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

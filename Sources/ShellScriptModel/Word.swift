import Diagnostics

/// One shell word as written: the parts it is made of, where it starts, and its source text.
///
/// Bash Reference Manual, 3.1.2 "Quoting" and 3.5 "Shell Expansions": a word is unquoted
/// text, quoted strings and expansions written next to each other with no blank between
/// them, e.g. `"${REPO_URI}":latest` is a double-quoted part followed by the literal `:latest`.
/// The shape is `Word(parts: [WordPart], location: <first character>, text: <as written>)`.
public struct Word: Sendable, Hashable, CustomStringConvertible {
  public var parts: [WordPart]
  /// Where the word's first character is.
  public var location: SourceLocation
  /// The word exactly as written in the script (quotes and escapes kept).
  public var text: String

  public init(parts: [WordPart], location: SourceLocation, text: String) {
    self.parts = parts
    self.location = location
    self.text = text
  }

  /// A word that is one unquoted literal (used for synthetic command names such as `[[`).
  public init(literal: String, at location: SourceLocation) {
    self.init(parts: [WordPart(.literal(literal), at: location)], location: location, text: literal)
  }

  public var description: String { text }

  /// The word's value when it contains no expansion at all: quotes removed and escapes
  /// applied (`'a b'"c"\d` → `a bcd`). nil when any part needs the shell to expand it.
  public var literalValue: String? {
    var result = ""
    for part in parts {
      guard let text = part.literalValue else { return nil }
      result += text
    }
    return result
  }

  /// True when the word is exactly `keyword`, unquoted: how reserved words such as `if`,
  /// `fi`, `{` and `]]` are recognised (Bash Reference Manual, 2 "Definitions": reserved word).
  public func isUnquoted(_ keyword: String) -> Bool {
    guard parts.count == 1, case .literal(let text) = parts[0].kind else { return false }
    return text == keyword
  }

  /// The command substitutions (`$(...)` and backquotes) written directly in this word,
  /// including inside double quotes and parameter-expansion operands, but not those nested
  /// inside another substitution.
  public var commandSubstitutions: [CommandSubstitution] {
    var found: [CommandSubstitution] = []
    for part in parts { part.collectCommandSubstitutions(into: &found) }
    return found
  }

  /// True when the word contains a command substitution anywhere.
  public var containsCommandSubstitution: Bool { !commandSubstitutions.isEmpty }

  /// True when the whole word is one command substitution, quoted or not:
  /// `$(cmd)`, `"$(cmd)"`, `` `cmd` ``.
  public var isCommandSubstitutionOnly: Bool {
    guard parts.count == 1 else { return false }
    switch parts[0].kind {
    case .commandSubstitution: return true
    case .doubleQuoted(let inner):
      if inner.count == 1, case .commandSubstitution = inner[0].kind { return true }
      return false
    default: return false
    }
  }

  /// True when the whole word is one expansion of every element of an array, quoted or
  /// not: `"${ARGS[@]}"`, `${ARGS[*]}`. Bash makes one field per element of `"${A[@]}"`
  /// (Bash Reference Manual, 6.7 "Arrays"), so such a word stands for several arguments.
  public var isArrayElementsOnly: Bool {
    guard parts.count == 1 else { return false }
    var part = parts[0]
    if case .doubleQuoted(let inner) = part.kind {
      guard inner.count == 1 else { return false }
      part = inner[0]
    }
    guard case .parameter(let expansion) = part.kind, expansion.operation == .value, !expansion.isIndirect else { return false }
    return expansion.arrayIndex == "@" || expansion.arrayIndex == "*"
  }

  /// The parameter expansions in this word (outside nested command substitutions),
  /// including those inside double quotes and inside operands such as `${A:-$B}`.
  public var parameterExpansions: [ParameterExpansion] {
    var found: [ParameterExpansion] = []
    for part in parts { part.collectParameterExpansions(into: &found) }
    return found
  }

  /// True when the word reads parameter `name` (`ENV`, `1`, `?`), at any depth, including
  /// inside command substitutions and arithmetic text (`$(( $? ))`).
  public func references(parameter name: String) -> Bool {
    parts.contains { $0.references(parameter: name) }
  }
}

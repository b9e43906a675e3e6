import Diagnostics

/// One piece of a `Word` and where it starts.
///
/// Quoting follows Bash Reference Manual 3.1.2 "Quoting"; expansions follow 3.5
/// "Shell Expansions". Text values are stored with quotes removed and escapes applied.
public struct WordPart: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    /// Unquoted text, e.g. `--config-env` (3.5.7 word splitting and 3.5.8 filename
    /// expansion would apply to it at run time).
    case literal(String)
    /// Characters quoted with a backslash outside quotes (`\$`, `\ `): 3.1.2.1 "Escape Character".
    case escaped(String)
    /// `'...'`: 3.1.2.2 "Single Quotes"; the text between the quotes.
    case singleQuoted(String)
    /// `$'...'`: 3.1.2.4 "ANSI-C Quoting"; the decoded text.
    case ansiCQuoted(String)
    /// `"..."` (and `$"..."`): 3.1.2.3 "Double Quotes"; the parts inside.
    case doubleQuoted([WordPart])
    /// `$NAME`, `${NAME...}`: 3.5.3 "Shell Parameter Expansion".
    case parameter(ParameterExpansion)
    /// `$(...)` or backquotes: 3.5.4 "Command Substitution".
    case commandSubstitution(CommandSubstitution)
    /// `<(...)` (`isOutput == false`) or `>(...)`: 3.5.6 "Process Substitution".
    case processSubstitution(CommandSubstitution, isOutput: Bool)
    /// `$((...))` (or the old `$[...]`): 3.5.5 "Arithmetic Expansion"; the expression text.
    case arithmetic(String)
    /// `~` or `~user` at the start of a word: 3.5.2 "Tilde Expansion"; the user name ("" for `~`).
    case tilde(String)
    /// The `(a b c)` of an array assignment `NAME=(a b c)`: 6.7 "Arrays".
    case arrayLiteral([Word])
  }

  public var kind: Kind
  public var location: SourceLocation

  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// The text of a part that needs no expansion; nil for expansions.
  public var literalValue: String? {
    switch kind {
    case .literal(let text), .escaped(let text), .singleQuoted(let text), .ansiCQuoted(let text):
      return text
    case .doubleQuoted(let inner):
      var result = ""
      for part in inner {
        guard let text = part.literalValue else { return nil }
        result += text
      }
      return result
    default:
      return nil
    }
  }

  func collectCommandSubstitutions(into found: inout [CommandSubstitution]) {
    switch kind {
    case .commandSubstitution(let substitution): found.append(substitution)
    case .doubleQuoted(let inner): for part in inner { part.collectCommandSubstitutions(into: &found) }
    case .parameter(let expansion):
      for word in expansion.operation.words { for part in word.parts { part.collectCommandSubstitutions(into: &found) } }
    case .arrayLiteral(let words):
      for word in words { for part in word.parts { part.collectCommandSubstitutions(into: &found) } }
    default: break
    }
  }

  func collectParameterExpansions(into found: inout [ParameterExpansion]) {
    switch kind {
    case .parameter(let expansion):
      found.append(expansion)
      for word in expansion.operation.words { for part in word.parts { part.collectParameterExpansions(into: &found) } }
    case .doubleQuoted(let inner): for part in inner { part.collectParameterExpansions(into: &found) }
    case .arrayLiteral(let words):
      for word in words { for part in word.parts { part.collectParameterExpansions(into: &found) } }
    default: break
    }
  }

  func references(parameter name: String) -> Bool {
    switch kind {
    case .literal, .escaped, .singleQuoted, .ansiCQuoted, .tilde: return false
    case .doubleQuoted(let inner): return inner.contains { $0.references(parameter: name) }
    case .parameter(let expansion):
      if expansion.parameter == name { return true }
      return expansion.operation.words.contains { $0.references(parameter: name) }
    case .commandSubstitution(let substitution), .processSubstitution(let substitution, _):
      return substitution.statements.contains { $0.references(parameter: name) }
    case .arithmetic(let text): return ArithmeticText.references(text, parameter: name)
    case .arrayLiteral(let words): return words.contains { $0.references(parameter: name) }
    }
  }
}

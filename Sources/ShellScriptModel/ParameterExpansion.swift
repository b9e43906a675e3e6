import Diagnostics

/// A parameter expansion: `$NAME`, `$1`, `$?`, or a braced `${...}` form with an operator.
///
/// Bash Reference Manual, 3.5.3 "Shell Parameter Expansion". Shape:
/// `${1:-dev}` → `ParameterExpansion(parameter: "1", operation: .useDefault(<word "dev">, checksNull: true))`.
public struct ParameterExpansion: Sendable, Hashable {
  /// What the expansion does with the parameter's value.
  public enum Operation: Sendable, Hashable {
    /// `$NAME` / `${NAME}`: the value.
    case value
    /// `${#NAME}`: the length of the value.
    case length
    /// `${!prefix*}` / `${!prefix@}`: names of variables starting with the prefix.
    case matchingNames
    /// `${NAME:-word}` (`checksNull`) / `${NAME-word}`: the word when the parameter is unset (or null).
    case useDefault(Word, checksNull: Bool)
    /// `${NAME:=word}` / `${NAME=word}`: like `useDefault`, and assigns the word to NAME.
    case assignDefault(Word, checksNull: Bool)
    /// `${NAME:?word}` / `${NAME?word}`: the shell prints the word and exits when unset (or null).
    case errorIfUnset(Word, checksNull: Bool)
    /// `${NAME:+word}` / `${NAME+word}`: the word when the parameter is set (and not null), else nothing.
    case useAlternative(Word, checksNull: Bool)
    /// `${NAME:offset}` / `${NAME:offset:length}`: the arithmetic texts.
    case substring(offset: String, length: String?)
    /// `${NAME#pattern}` / `${NAME##pattern}` (`longest`).
    case removePrefix(Word, longest: Bool)
    /// `${NAME%pattern}` / `${NAME%%pattern}` (`longest`).
    case removeSuffix(Word, longest: Bool)
    /// `${NAME/pattern/string}` and the `//`, `/#`, `/%` forms.
    case replace(Word, with: Word?, mode: ReplaceMode)
    /// `${NAME^pattern}` / `${NAME^^pattern}` (`all`).
    case upperCase(Word?, all: Bool)
    /// `${NAME,pattern}` / `${NAME,,pattern}` (`all`).
    case lowerCase(Word?, all: Bool)
    /// `${NAME~pattern}` / `${NAME~~pattern}` (`all`): swaps the case of the first (or every)
    /// matching letter. Not in the manual, but bash reads it (its `subst.c` case-modifying
    /// operators): `x=aBc; ${x~}` → `ABc`, `${x~~}` → `AbC` (bash 5.2).
    case toggleCase(Word?, all: Bool)
    /// `${NAME@Q}` and the other `@` transformations: the operator letter.
    case transform(String)

    /// The words the operator carries, in order.
    public var words: [Word] {
      switch self {
      case .useDefault(let word, _), .assignDefault(let word, _), .errorIfUnset(let word, _),
        .useAlternative(let word, _), .removePrefix(let word, _), .removeSuffix(let word, _):
        return [word]
      case .replace(let pattern, let replacement, _): return [pattern] + (replacement.map { [$0] } ?? [])
      case .upperCase(let pattern, _), .lowerCase(let pattern, _), .toggleCase(let pattern, _): return pattern.map { [$0] } ?? []
      default: return []
      }
    }
  }

  /// Which occurrences `${NAME/pattern/string}` replaces.
  public enum ReplaceMode: Sendable, Hashable {
    case first, all, prefix, suffix
  }

  /// The parameter: a variable name (`ENV`), a positional number (`1`), or a special
  /// parameter (`?`, `#`, `@`, `*`, `$`, `!`, `-`, `0`).
  public var parameter: String
  /// The array subscript text in `${NAME[sub]}`, if any.
  public var arrayIndex: String?
  /// True for `${!NAME}` indirection (and `${!NAME[@]}` keys).
  public var isIndirect: Bool
  /// True for the braced `${...}` form.
  public var isBraced: Bool
  public var operation: Operation
  /// The expansion as written, e.g. `${1:-dev}` or `$ENV`.
  public var text: String
  public var location: SourceLocation

  public init(
    parameter: String, arrayIndex: String? = nil, isIndirect: Bool = false, isBraced: Bool,
    operation: Operation, text: String, location: SourceLocation
  ) {
    self.parameter = parameter
    self.arrayIndex = arrayIndex
    self.isIndirect = isIndirect
    self.isBraced = isBraced
    self.operation = operation
    self.text = text
    self.location = location
  }

  /// True for positional parameters `$1`, `${10}` (not `$0`).
  public var positionalIndex: Int? {
    guard let number = Int(parameter), number > 0 else { return nil }
    return number
  }
}

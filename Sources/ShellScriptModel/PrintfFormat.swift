/// The text `printf FORMAT ARGUMENTS...` produces, for the formats whose result can be
/// written as the arguments' values: `%s`, `%b`, `%d`/`%i` and `%%` conversions without
/// flags, width or precision, and the backslash escapes of the format.
///
/// Bash Reference Manual, 4.2 "Bash Builtin Commands", `printf`: the format is reused as
/// often as needed to consume all of the arguments; a missing argument counts as an empty
/// string (zero for `%d`). `printf -v var '%s' "$value"` thus assigns `$value` to `var`,
/// the idiom a function uses to return a value through a variable name it is given
/// (https://www.gnu.org/software/bash/manual/html_node/Bash-Builtins.html#index-printf).
enum PrintfFormat {
  /// The output, or nil when the format uses a conversion this model does not compute.
  static func format(_ format: String, _ arguments: [ResolvedWord]) -> ResolvedWord? {
    guard let pieces = parse(format) else { return nil }
    let conversions = pieces.filter { if case .conversion = $0 { true } else { false } }.count
    var result: [ResolvedWord.Piece] = []
    var next = 0
    // The format is used once, then again while arguments remain (never when it has no
    // conversion: bash then prints it once and ignores the arguments).
    repeat {
      for piece in pieces {
        switch piece {
        case .text(let text):
          result.append(.literal(text))
        case .conversion(let conversion):
          let argument = next < arguments.count ? arguments[next] : (conversion == .integer ? ResolvedWord(literal: "0") : .empty)
          next += 1
          // A known value that the conversion would change (a number written otherwise, an
          // escape `%b` decodes) is not computed.
          if let literal = argument.literal {
            if conversion == .integer, Int(literal).map(String.init) != literal { return nil }
            if conversion == .escapes, literal.contains("\\") { return nil }
          }
          result += argument.pieces
        }
      }
    } while conversions > 0 && next < arguments.count
    return ResolvedWord(pieces: result)
  }

  private enum Conversion {
    /// `%s`.
    case string
    /// `%b`: the argument's backslash escapes are decoded.
    case escapes
    /// `%d`, `%i`.
    case integer
  }

  private enum Piece {
    case text(String)
    case conversion(Conversion)
  }

  private static func parse(_ format: String) -> [Piece]? {
    var pieces: [Piece] = []
    var text = ""
    var characters = format.makeIterator()
    while let character = characters.next() {
      switch character {
      case "%":
        guard let conversion = characters.next() else { return nil }
        switch conversion {
        case "%": text.append("%")
        case "s", "b", "d", "i":
          if !text.isEmpty { pieces.append(.text(text)) }
          text = ""
          pieces.append(.conversion(conversion == "s" ? .string : conversion == "b" ? .escapes : .integer))
        default: return nil
        }
      case "\\":
        guard let escaped = characters.next() else {
          text.append("\\")
          continue
        }
        switch escaped {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "\\": text.append("\\")
        case "\"": text.append("\"")
        case "'": text.append("'")
        default: return nil
        }
      default:
        text.append(character)
      }
    }
    if !text.isEmpty { pieces.append(.text(text)) }
    return pieces
  }
}

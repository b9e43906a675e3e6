/// BuildKit's `result` dump of the low-level parse (`(*Node).Dump()` plus a final newline).
///
/// One line per instruction: `(` keyword lower-cased, then the flags as Go's `%q` of a
/// string slice (`["--a=1" "--b"]`) if there are any, then each argument as a Go quoted
/// string, or an ONBUILD's nested instruction in parentheses, then `)`. Comments,
/// directives and heredoc bodies are not printed. The format is described exactly in
/// `shared/corpus/buildkit-parser/README.md`; this is what `vibe-rules debug dockerfile`
/// prints.
extension DockerfileSyntax {
  public func buildKitDump() -> String {
    let body = nodes.map { "(" + $0.buildKitDump() + ")" }.joined(separator: "\n")
    return GoQuote.trimSpace(body) + "\n"
  }
}

extension SyntaxNode {
  /// This node's dump, without the surrounding parentheses.
  public func buildKitDump() -> String {
    var text = keyword.lowercased()
    if !flags.isEmpty {
      text += " [" + flags.map { GoQuote.quote($0.value) }.joined(separator: " ") + "]"
    }
    switch arguments {
    case .words(let words):
      for word in words { text += " " + GoQuote.quote(word) }
    case .trigger(let node):
      text += " (" + node.buildKitDump() + ")"
    }
    return GoQuote.trimSpace(text)
  }
}

/// Go's `strconv.Quote` and `strings.TrimSpace`, as the dump needs them.
enum GoQuote {
  static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\u{07}": result += "\\a"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{0B}": result += "\\v"
      default:
        if isPrintable(scalar) {
          result.unicodeScalars.append(scalar)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\x" + hex(scalar.value, width: 2)
        } else if scalar.value < 0x10000 {
          result += "\\u" + hex(scalar.value, width: 4)
        } else {
          result += "\\U" + hex(scalar.value, width: 8)
        }
      }
    }
    return result + "\""
  }

  /// Go's `unicode.IsPrint`: categories L, M, N, P, S, and the ASCII space.
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark,
      .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation,
      .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }

  private static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  static func trimSpace(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    let bounds = Scalars.trimmedBounds(scalars, 0, scalars.count)
    return Scalars.string(scalars[bounds])
  }
}

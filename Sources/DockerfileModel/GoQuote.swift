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

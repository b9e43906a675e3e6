/// Resolves the type of a plain (unquoted, untagged) YAML scalar with the YAML 1.1
/// rules libyaml-based readers use (https://yaml.org/type/): null (`~`, `null`, empty),
/// booleans (`true`/`false`, `yes`/`no`, `on`/`off`), integers (decimal, `0x`, `0o`/`0`
/// octal, `0b`, with `_`), and floats (including `.inf`, `.nan`). The one-letter `y`/`n`
/// forms of the 1.1 spec are strings, as in PyYAML (what cfn-lint reads templates with).
enum PlainScalarKind {
  /// YAML 1.1's words for true (https://yaml.org/type/bool.html), one-letter `y` left out.
  static let trueWords: Set<String> = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"]
  /// YAML 1.1's words for false, one-letter `n` left out.
  static let falseWords: Set<String> = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"]

  /// The text CloudFormation gives a plain scalar of `kind` where it needs a string (the
  /// template becomes JSON, so `yes`, `On` or `True` is the boolean `true`, and `0x1F` or
  /// `1_000` a number): `true`/`false` for booleans, decimal for hexadecimal, binary and
  /// underscored integers. Other text is kept as written (leading-zero integers, whose
  /// YAML 1.1 reading as octal readers disagree on, included).
  static func canonicalText(_ text: String, kind: Scalar.Kind) -> String {
    switch kind {
    case .boolean:
      return trueWords.contains(text) ? "true" : "false"
    case .integer:
      var body = Substring(text.filter { $0 != "_" })
      let negative = body.first == "-"
      if body.first == "-" || body.first == "+" { body = body.dropFirst() }
      let value: Int?
      if body.hasPrefix("0x") {
        value = Int(body.dropFirst(2), radix: 16)
      } else if body.hasPrefix("0b") {
        value = Int(body.dropFirst(2), radix: 2)
      } else if body.count > 1 && body.hasPrefix("0") {
        return text
      } else {
        value = Int(body)
      }
      guard let value else { return text }
      return (negative ? "-" : "") + String(value)
    default:
      return text
    }
  }

  static func resolve(_ text: String) -> Scalar.Kind {
    guard let first = text.utf8.first else { return .null }
    switch text {
    case "~", "null", "Null", "NULL": return .null
    case _ where trueWords.contains(text) || falseWords.contains(text): return .boolean
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
      return .float
    default: break
    }
    // Fast exit: numbers start with a digit, a sign or a dot.
    guard first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
      || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    else { return .string }
    if isInteger(text) { return .integer }
    if isFloat(text) { return .float }
    return .string
  }

  private static func isInteger(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    guard !body.isEmpty else { return false }
    if body.hasPrefix("0x") { return body.count > 2 && body.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" } }
    if body.hasPrefix("0b") { return body.count > 2 && body.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" || $0 == "_" } }
    if body.hasPrefix("0o") { return body.count > 2 && body.dropFirst(2).allSatisfy { ("0"..."7").contains($0) || $0 == "_" } }
    return body.first!.isASCII && body.first!.isNumber && body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "_" }
  }

  private static func isFloat(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    var sawDigit = false
    var sawDot = false
    var index = body.startIndex
    while index < body.endIndex {
      let character = body[index]
      if character.isASCII && character.isNumber || character == "_" {
        sawDigit = sawDigit || character != "_"
      } else if character == "." && !sawDot {
        sawDot = true
      } else if character == "e" || character == "E" {
        guard sawDigit else { return false }
        var exponent = body[body.index(after: index)...]
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy { $0.isASCII && $0.isNumber }
      } else {
        return false
      }
      index = body.index(after: index)
    }
    return sawDigit && sawDot
  }
}

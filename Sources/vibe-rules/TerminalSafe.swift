/// Text from the checked files made safe to print: control characters (other than line
/// feed and tab) become `\u{XX}` escapes, so a hostile file cannot send terminal escape
/// sequences (retitle, clear, move the cursor) or NUL bytes to the user's terminal.
enum TerminalSafe {
  static func text(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar) {
        result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
      || (scalar.value >= 0x80 && scalar.value < 0xA0)
  }
}

/// Every `print` of the command line goes through `TerminalSafe` (this shadows the
/// standard library's `print` inside this module).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  Swift.print(TerminalSafe.text(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

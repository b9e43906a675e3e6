/// Text from the checked files made safe to print: control characters (other than line
/// feed and tab) become `\u{XX}` escapes, so a hostile file cannot send terminal escape
/// sequences (retitle, clear, move the cursor, conceal text) or NUL bytes to the user's
/// terminal. With `allowingColour`, the status colours `TableRenderer` paints (SGR
/// `ESC[<code>m` with one of `colourCodes`) pass through unchanged.
enum TerminalSafe {
  /// The SGR codes `TableRenderer` uses: reset, dim, red, green, yellow, magenta, cyan.
  static let colourCodes: Set<String> = ["0", "2", "31", "32", "33", "35", "36"]

  static func text(_ text: String, allowingColour: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var result = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if allowingColour, scalar == "\u{1B}", let length = colourSequenceLength(scalars, at: index) {
        result.append(contentsOf: scalars[index..<index + length])
        index += length
        continue
      }
      if isUnsafe(scalar) {
        result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        result.append(scalar)
      }
      index += 1
    }
    return String(result)
  }

  /// The length of `ESC [ <code> m` at `start` when `<code>` is one of `colourCodes`.
  private static func colourSequenceLength(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
    guard start + 3 < scalars.count, scalars[start + 1] == "[" else { return nil }
    var code = ""
    var index = start + 2
    while index < scalars.count, index < start + 5, ("0"..."9").contains(scalars[index]) {
      code.unicodeScalars.append(scalars[index])
      index += 1
    }
    guard index < scalars.count, scalars[index] == "m", colourCodes.contains(code) else { return nil }
    return index - start + 1
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

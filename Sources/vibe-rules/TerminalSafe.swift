import Diagnostics

/// Text from the checked files made safe to print: the scalars of `UnsafeScalars` become
/// `\u{XX}` escapes. Control characters (other than line feed and tab), so that a hostile
/// file cannot send terminal escape sequences (retitle, clear, move the cursor, conceal
/// text) or NUL bytes to the user's terminal; and the Unicode bidirectional controls, which
/// reorder how a line is shown ("Trojan Source", CVE-2021-42574: a value could display as
/// something it is not).
/// Reference: Unicode Standard Annex #9, https://www.unicode.org/reports/tr9/
/// With `allowingColour`, the status colours `TableRenderer` paints (SGR `ESC[<code>m` with
/// one of `colourCodes`) pass through unchanged.
enum TerminalSafe {
  /// How an unsafe scalar is written, so that machine-readable output stays valid and
  /// means the same once parsed.
  enum Escape {
    /// `\u{202E}`: text for people (the table, Markdown, diagnostics).
    case swift
    /// `\u202E`: inside a JSON string (JSON, SARIF), where every scalar below U+0020 is
    /// already escaped by the encoder (RFC 8259, section 7).
    case json
    /// `&#x202E;`: a character reference (JUnit XML); XML 1.0 has no form for the C0
    /// controls, which stay `\u{XX}` text.
    case xml

    func write(_ scalar: Unicode.Scalar) -> String {
      let hex = String(scalar.value, radix: 16, uppercase: true)
      switch self {
      case .swift: return UnsafeScalars.swiftEscape(scalar)
      case .json: return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      case .xml: return scalar.value < 0x20 ? UnsafeScalars.swiftEscape(scalar) : "&#x\(hex);"
      }
    }
  }

  /// The SGR codes `TableRenderer` uses: reset, dim, red, green, yellow, magenta, cyan.
  static let colourCodes: Set<String> = ["0", "2", "31", "32", "33", "35", "36"]

  /// `oneLine`: line feeds and the Unicode line and paragraph separators are escaped too,
  /// so that a value quoted in a one-line diagnostic (a path, a config env name) cannot
  /// start a line of its own (a forged `file: error:` line in a CI log). JSON and XML
  /// escape the separators U+2028 and U+2029 always: their escapes mean the same once
  /// parsed, and the files stay one line per line when read as text.
  static func text(_ text: String, allowingColour: Bool = false, escape: Escape = .swift, oneLine: Bool = false) -> String {
    func escaped(_ scalar: Unicode.Scalar) -> Bool {
      UnsafeScalars.isUnsafe(scalar) || (oneLine && UnsafeScalars.isLineBreak(scalar)) || (escape != .swift && (scalar == "\u{2028}" || scalar == "\u{2029}"))
    }
    guard UnsafeScalars.mayContainUnsafeOrLineBreak(text, lineFeedIsSafe: !oneLine) else { return text }
    guard text.unicodeScalars.contains(where: escaped) else { return text }
    var result = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if allowingColour, scalar == "\u{1B}", let length = colourSequenceLength(scalars, at: index) {
        result.append(string: String(String.UnicodeScalarView(scalars[index..<index + length])))
        index += length
        continue
      }
      if escaped(scalar) {
        result.append(string: escape.write(scalar))
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
}

/// Every `print` of the command line goes through `TerminalSafe` (this shadows the
/// standard library's `print` inside this module).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  Swift.print(TerminalSafe.text(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

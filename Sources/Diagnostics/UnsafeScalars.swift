/// The Unicode scalars that text from the checked files must not carry to a terminal as
/// they are (`TerminalSafe` in the command line escapes them): control characters other
/// than line feed and tab, which could send escape sequences (retitle, clear, move the
/// cursor, conceal text) or NUL bytes; and the bidirectional controls, which reorder how a
/// line is shown ("Trojan Source", CVE-2021-42574). Reference: Unicode Standard Annex #9,
/// https://www.unicode.org/reports/tr9/
public enum UnsafeScalars {
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0..<0x20, 0x7F, 0x80..<0xA0: true
    // ALM, LRM and RLM; the embeddings and overrides LRE..RLO; the isolates LRI..PDI.
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// How text for people writes an unsafe scalar: `\u{202E}` (Swift's escape, uppercase
  /// hexadecimal digits). `TerminalSafe` prints it; `TerminalColumns` measures it.
  public static func swiftEscape(_ scalar: Unicode.Scalar) -> String {
    "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
  }

  /// Line feed, and U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (the other line
  /// breaks, CR, VT, FF and NEL, are control characters, unsafe always).
  public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}"
  }

  /// Whether `text` may hold an unsafe scalar, a line break or a separator U+2028 or
  /// U+2029, read off its UTF-8 bytes: false only when it holds none of them (a line feed
  /// counts unless `lineFeedIsSafe`). A check of the bytes before any of the scalars,
  /// since most text has none (reading it by scalars cost 0.65 M instructions on this
  /// repository's report). In UTF-8 the multi-byte scalars concerned are U+0080 to U+009F
  /// (C2 80 to C2 9F), U+061C (D8 9C), U+200E and U+200F (E2 80 8E, 8F), U+2028 to U+202E
  /// (E2 80 A8 to AE) and U+2066 to U+2069 (E2 81 A6 to A9).
  public static func mayContainUnsafeOrLineBreak(_ text: some StringProtocol, lineFeedIsSafe: Bool) -> Bool {
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      let count = bytes.count
      var index = 0
      while index < count {
        let byte = bytes[index]
        if byte < 0x20 {
          if byte != 0x09 && (byte != 0x0A || !lineFeedIsSafe) { return true }
        } else if byte == 0x7F {
          return true
        } else if byte == 0xC2 {
          if index + 1 < count && bytes[index + 1] < 0xA0 { return true }
        } else if byte == 0xD8 {
          if index + 1 < count && bytes[index + 1] == 0x9C { return true }
        } else if byte == 0xE2 && index + 2 < count {
          let second = bytes[index + 1], third = bytes[index + 2]
          if second == 0x80 && (third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third)) { return true }
          if second == 0x81 && (0xA6...0xA9).contains(third) { return true }
        }
        index += 1
      }
      return false
    }
    return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
  }
}

import Testing
@testable import Diagnostics

/// Columns as a terminal shows the text once `vibe-rules` has escaped it.
@Suite struct TerminalColumnsTests {
  @Test(arguments: [
    ("", 0), ("abc", 3), ("a b", 3),
    // Wide: CJK ideographs, kana, Hangul, fullwidth forms, ideographic space.
    ("日本語", 6), ("カタカナ", 8), ("한국어", 6), ("Ａ１", 4), ("\u{3000}", 2), ("\u{20000}", 2), ("\u{2329}", 2), ("\u{4DC0}", 2), ("\u{16FF0}", 2),
    // One column whatever follows: combining marks, a text-style emoji.
    ("e\u{301}", 1), ("e\u{301}\u{301}\u{301}", 1), ("\u{2764}", 1), ("é", 1),
    // Emoji: presentation, text emoji made emoji by U+FE0F, ZWJ family, flag, skin tone.
    ("😀", 2), ("\u{2764}\u{FE0F}", 2), ("👩‍👩‍👧", 2), ("🇫🇷", 2), ("👍🏽", 2),
    // Escaped as the table prints them: `\u{1B}`, `\u{202E}`, `\u{9F}`; a tab at its widest.
    ("\u{1B}", 6), ("\u{202E}", 8), ("\u{9F}", 6), ("a\u{1B}[31mb", 12), ("\t", 8), ("a\tb", 10),
  ] as [(String, Int)])
  func columns(text: String, expected: Int) {
    #expect(TerminalColumns.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
  }

  /// Printable ASCII takes one column a byte (the fast path), as the slow path agrees.
  @Test func asciiFastPathAgreesWithCharacters() {
    let ascii = String((0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) })
    #expect(TerminalColumns.of(ascii) == ascii.count)
    #expect(ascii.reduce(0) { $0 + TerminalColumns.of($1) } == ascii.count)
  }
}

import Requirements
import Rules
import Testing

/// `foldingLineBreaks` makes every line break a space (a byte scan first, then by
/// character only when a byte may belong to one).
@Suite struct LineFoldingTests {
  @Test(arguments: ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
  func everyLineBreakBecomesASpace(_ lineBreak: String) {
    #expect("a\(lineBreak)b".foldingLineBreaks == "a b")
  }

  /// Text without one is returned as it is, including characters whose UTF-8 bytes end
  /// like NEL's or U+2028's (Ņ is C5 85, ⊨ E2 8A A8, © C2 A9).
  @Test(arguments: ["plain", "", "Ņ", "⊨", "©", "é\u{301}", "🇫🇷"])
  func textWithoutLineBreaksIsUnchanged(_ text: String) {
    #expect(text.foldingLineBreaks == text)
  }

  /// The table's summary line folds the catalogue's name too (a `.vibe-rules.yaml` naming
  /// `REQ\nerror: forged.md` had printed a second line that read as a diagnostic).
  @Test func theSummaryLineStaysOneLine() {
    let matrix = RequirementMatrix(catalogue: RequirementCatalogue(source: "REQ\nerror: forged.md", requirements: []), results: [], environments: ["dev\u{2028}x"])
    let line = TableRenderer.summaryLine(matrix)
    #expect(!line.contains("\n") && !line.contains("\u{2028}"), "\(line)")
    #expect(line.hasSuffix("requirements from REQ error: forged.md"), "\(line)")
  }
}

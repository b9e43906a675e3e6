import Diagnostics
import Testing

@Suite struct QuotedTextTests {
  @Test func shortTextIsKeptWhole() {
    #expect(QuotedText.abbreviated("prod") == "prod")
    #expect(QuotedText.abbreviated(String(repeating: "a", count: QuotedText.maximumBytes)).utf8.count == QuotedText.maximumBytes)
  }

  /// Long text keeps whole characters within the byte limit and says how much was left out.
  @Test func longTextIsCutAtACharacter() {
    #expect(QuotedText.abbreviated(String(repeating: "a", count: 100_000)) == String(repeating: "a", count: 200) + "… (99800 more bytes)")
    // "é" is two bytes: 100 fit in 200 bytes.
    #expect(QuotedText.abbreviated(String(repeating: "é", count: 150)) == String(repeating: "é", count: 100) + "… (100 more bytes)")
  }
}

import Diagnostics
import Foundation
import Testing

@Suite struct BlankTextTests {
  /// Blank exactly where trimming Foundation's `CharacterSet.whitespaces` leaves nothing.
  @Test(arguments: ["", " ", "\t \t", "\u{A0}", "\u{3000} ", "\u{2009}", "\n", " \r\n", "a", " a ", "\u{200B}", "é"])
  func agreesWithFoundationWhitespaces(_ text: String) {
    #expect(text.isBlank == text.trimmingCharacters(in: .whitespaces).isEmpty, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
  }

  @Test func lineBreaksAreNotBlank() {
    #expect(!"\n".isBlank)
    #expect(" \t".isBlank)
  }
}

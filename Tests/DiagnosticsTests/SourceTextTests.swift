import Testing
@testable import Diagnostics

@Suite struct SourceTextTests {
  @Test func dropsByteOrderMark() throws {
    let text = try SourceText(file: "f", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
    #expect(text.text == "a: 1\n")
  }

  @Test func nulByteIsLocated() {
    #expect(throws: InputError("NUL byte in file: it looks binary, not text", at: .init(file: "f", line: 2, column: 3))) {
      try SourceText(file: "f", bytes: Array("x\nab\u{0}".utf8))
    }
  }

  @Test func invalidUTF8IsLocatedAfterCRLF() throws {
    let error = try #require(throws: InputError.self) {
      try SourceText(file: "f", bytes: Array("a\r\nbé".utf8) + [0xFF])
    }
    #expect(error.location == SourceLocation(file: "f", line: 2, column: 3))
    #expect(error.description.hasPrefix("f:2:3: error: invalid UTF-8"))
  }

  @Test func linesSplitOnEveryEnding() {
    #expect(SourceText(file: "f", text: "a\r\nb\rc\nd").lines == ["a", "b", "c", "d"])
  }

  /// Ends at the start and the end, blank lines, `\r\r\n` (two endings), non-ASCII text
  /// beside the endings, a small (inline) string and a large one: the same lines as a split
  /// by `Character`.
  @Test func linesMatchASplitByCharacter() {
    let texts = [
      "", "\n", "\r\n", "x", "\nx\n", "a\r\r\nb", "\n\n\r\r", "é\r\nü\n日本\r語", "e\u{301}\nx",
      String(repeating: "long line with é and 日本\r\n", count: 200) + "tail",
    ]
    for text in texts {
      let expected = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
      #expect(SourceText(file: "f", text: text).lines == expected, "\(text.debugDescription)")
    }
  }
}

/// `String.UnicodeScalarView.append(string:)`: the linear-time append the readers build
/// words and bodies with (see its doc comment for the standard library's quadratic one).
@Suite struct ScalarViewAppendTests {
  @Test func appendsInOrderAndKeepsEarlierCopiesIntact() {
    var view = String.UnicodeScalarView()
    view.append("a")
    let before = view
    view.append(string: "bé")
    view.append(string: "x\u{1F600}y"[...])
    view.append("z")
    #expect(String(view) == "abéx\u{1F600}yz")
    #expect(String(before) == "a")
    var many = String.UnicodeScalarView()
    for index in 0..<20_000 { many.append(string: "\(index % 10)") }
    #expect(many.count == 20_000)
    #expect(String(many).hasPrefix("0123456789012"))
  }
}

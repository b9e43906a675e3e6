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
}

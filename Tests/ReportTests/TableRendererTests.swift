import Testing
@testable import Rules

/// The text table: columns padded to their longest cell up to a maximum, so one very long
/// cell is written once and does not widen every other row (a 12 MB requirement title
/// made about a gigabyte of output).
@Suite struct TableRendererTests {
  @Test func aLongTitleWidensNoOtherRow() throws {
    let title = String(repeating: "a", count: 200_000)
    let copy = try Copy()
    defer { copy.remove() }
    try copy.edit("REQUIREMENTS.md", "### 1.1 Multi-stage build on python:3.12-slim", "### 1.1 " + title)
    let matrix = try copy.matrix()
    let table = TableRenderer(colour: false).render(matrix)
    let rows = table.split(separator: "\n").filter { $0.hasPrefix("1.") || $0.hasPrefix("2.") }
    #expect(rows.count > 10)
    let long = rows.filter { $0.contains(title) }
    #expect(long.count == 1)
    // Every other row is its own length: padding stops at the maximum column width.
    #expect(rows.filter { !$0.contains(title) }.allSatisfy { $0.count < 1_000 + TableRenderer.maximumColumnWidth * 4 })
    #expect(table.utf8.count < 2 * title.utf8.count + 200_000)
  }

  @Test func shortCellsStayAligned() throws {
    let table = TableRenderer(colour: false).render(try OwnRepository.matrix.get())
    let lines = table.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
    let statusColumn = try #require(lines.first?.range(of: "STATUS")).lowerBound
    let offset = lines.first!.distance(from: lines.first!.startIndex, to: statusColumn)
    for line in lines.dropFirst() {
      let status = line.dropFirst(offset).prefix { $0 != " " }
      #expect(["pass", "fail", "warn", "needs-evidence", "not-applicable", "waived", "no-rule"].contains(String(status)), "\(line)")
    }
  }
}

/// The table's trailing-space trim cuts by bytes after an ASCII scalar; it agrees with a
/// trim by `Character` on ASCII and on other text.
@Suite struct TableTrailingSpaceTests {
  static let samples = [
    "", "   ", "abc", "abc   ", "a\r\nb", "\r\n ", "\r", "tab\there  ", "caf\u{65}\u{301}  ", "\u{600} ", "\u{600}  x ", "日本語 ", "👩‍👩‍👧 x  ", "👩‍ ",
  ]

  @Test(arguments: samples) func agreesWithCharacters(text: String) {
    let byCharacters = String(text[..<(text.lastIndex(where: { $0 != " " }).map { text.index(after: $0) } ?? text.startIndex)])
    #expect(text.droppingTrailingSpaces == byCharacters)
  }
}

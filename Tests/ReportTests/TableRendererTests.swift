import Diagnostics
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

/// On a terminal the WHERE / WHY cell wraps at spaces onto lines that start under it; in
/// a file each row stays one line.
@Suite struct TableWrappingTests {
  static let matrix = Result { try OwnRepository.matrix.get() }

  /// The table's rows: from the header to the blank line before the findings.
  static func tableLines(_ table: String) -> [Substring] {
    Array(table.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty })
  }

  /// Each row as (first three cells, title, detail), read off the columns the header gives
  /// (ASCII text: a Character is a column); continuation lines add their title and detail
  /// pieces, joined with a space.
  static func cells(_ lines: [Substring]) throws -> [(lead: String, title: String, detail: String)] {
    let header = try #require(lines.first)
    let titleStart = header.distance(from: header.startIndex, to: try #require(header.range(of: "REQUIREMENT")).lowerBound)
    let detailStart = header.distance(from: header.startIndex, to: try #require(header.range(of: "WHERE / WHY")).lowerBound)
    var rows: [(lead: String, title: String, detail: String)] = []
    for line in lines.dropFirst() {
      let text = Array(line)
      let lead = String(text.prefix(titleStart)).trimmingSuffix()
      let title = String(text.dropFirst(titleStart).prefix(detailStart - titleStart)).trimmingSuffix()
      let detail = String(text.dropFirst(detailStart))
      if lead.isEmpty, let last = rows.indices.last {
        #expect(title.first != " " && detail.first != " ", "\(line)")
        if !title.isEmpty { rows[last].title += " " + title }
        if !detail.isEmpty { rows[last].detail += " " + detail }
      } else {
        rows.append((lead, title, detail))
      }
    }
    return rows
  }

  @Test(arguments: [80, 100, 112, 150, 200]) func wrappedCellsFitTheWidthAndLoseNothing(width: Int) throws {
    let matrix = try Self.matrix.get()
    let flat = Self.tableLines(TableRenderer(colour: false).render(matrix))
    let wrapped = Self.tableLines(TableRenderer(colour: false, width: width).render(matrix))
    // Something was long enough to wrap, and a line past the width has a word too long for
    // its column.
    #expect(wrapped.count > flat.count)
    let header = try #require(wrapped.first)
    let titleStart = header.distance(from: header.startIndex, to: try #require(header.range(of: "REQUIREMENT")).lowerBound)
    let detailStart = header.distance(from: header.startIndex, to: try #require(header.range(of: "WHERE / WHY")).lowerBound)
    for line in wrapped where line.count > width {
      let text = Array(line)
      let title = String(text.dropFirst(titleStart).prefix(detailStart - titleStart)).trimmingSuffix()
      let detail = String(text.dropFirst(detailStart))
      #expect(!detail.contains(" ") || (title.count > detailStart - titleStart - 2 && !title.contains(" ")), "\(line)")
    }
    // Joined back, the wrapped rows give the flat rows' cells.
    let flatRows = try Self.cells(flat)
    let wrappedRows = try Self.cells(wrapped)
    #expect(wrappedRows.count == flatRows.count)
    for (a, b) in zip(wrappedRows, flatRows) {
      #expect(a.lead.split(separator: " ") == b.lead.split(separator: " "))
      #expect(a.title == b.title)
      #expect(a.detail == b.detail)
    }
  }

  @Test func withoutAWidthOrTooNarrowEachRowIsOneLine() throws {
    let matrix = try Self.matrix.get()
    let flat = TableRenderer(colour: false).render(matrix)
    #expect(Self.tableLines(flat).count == matrix.rows.count + 1)
    // The first three columns (28 characters with their gaps here) leave less than the
    // least title and WHERE / WHY widths at 60 and 77 columns.
    #expect(TableRenderer(colour: false, width: 60).render(matrix) == flat)
    #expect(TableRenderer(colour: false, width: 77).render(matrix) == flat)
    #expect(TableRenderer(colour: false, width: 78).render(matrix) != flat)
  }

  /// Measured as printed: a row of CJK text or escaped controls fits the width too, and a
  /// CJK title keeps the columns after it in line. Counted here apart from
  /// `TerminalColumns`: the fixture's kana and ideographs take 2 columns, U+202E prints as
  /// `\u{202E}` (8) and ESC as `\u{1B}` (6).
  @Test func wideAndEscapedTextFitsAndLinesUp() throws {
    func printed(_ text: Substring) -> Int {
      text.reduce(0) { sum, character in
        switch character {
        case "\u{202E}": sum + 8
        case "\u{1B}": sum + 6
        case _ where "日本語のタイトルログ志组名称在每个账户".contains(character): sum + 2
        default: sum + 1
        }
      }
    }
    var matrix = try Self.matrix.get()
    let index = try #require(matrix.rows.firstIndex { $0.findings.isEmpty && $0.evidence.isEmpty })
    matrix.rows[index].requirement.title = "日本語のタイトル"
    matrix.rows[index].note = (0..<40).map { $0 % 3 == 0 ? "ログ\u{202E}\u{1B}" : "日志组名称 在每个账户" }.joined(separator: " ")
    let width = 130
    let lines = Self.tableLines(TableRenderer(colour: false, width: width).render(matrix))
    let header = try #require(lines.first)
    let column = try #require(header.range(of: "WHERE / WHY")).lowerBound
    let row = try #require(lines.firstIndex { $0.contains("日本語のタイトル") })
    // The continuation line starts under WHERE / WHY.
    let indent = header.distance(from: header.startIndex, to: column)
    #expect(lines[row + 1].hasPrefix(String(repeating: " ", count: indent)))
    #expect(lines[row + 1].dropFirst(indent).first.map { $0 != " " } == true, "\(lines[row + 1])")
    for line in lines { #expect(printed(line) <= width, "\(line)") }
    let detail = try #require(lines[row].range(of: "ログ"))
    #expect(printed(lines[row][..<detail.lowerBound]) == printed(header[..<column]))
  }

  /// A title word wider than the narrowed REQUIREMENT column (a CJK title has no spaces)
  /// has its line to itself; the WHERE / WHY text starts on the next line, in its column.
  @Test func aTitleWordWiderThanItsColumnHasTheLineToItself() throws {
    var matrix = try Self.matrix.get()
    let index = try #require(matrix.rows.firstIndex { $0.findings.isEmpty && $0.evidence.isEmpty })
    let title = "容器以非根用户身份运行并且用户标识号为一千"
    matrix.rows[index].requirement.title = title
    matrix.rows[index].note = "the note of the row"
    let lines = Self.tableLines(TableRenderer(colour: false, width: 100).render(matrix))
    let row = try #require(lines.firstIndex { $0.contains(title) })
    #expect(lines[row].hasSuffix(title))
    let header = try #require(lines.first)
    let column = header.distance(from: header.startIndex, to: try #require(header.range(of: "WHERE / WHY")).lowerBound)
    #expect(lines[row + 1] == Substring(String(repeating: " ", count: column) + "the note of the row"))
  }

  @Test func aWaivedLineNamesWhatItsWaiverCovers() throws {
    let table = TableRenderer(colour: false).render(try Self.matrix.get())
    let waived = table.split(separator: "\n").drop { $0 != "Waived:" }.dropFirst().prefix { !$0.isEmpty }
    #expect(waived.contains { $0.hasPrefix("infra/template.yaml:374:11: waived for requirement 4.4: [container-log-group] ") })
    #expect(waived.contains { $0.hasPrefix("infra/template.yaml:374:11: waived for requirement 9.1: [container-log-group] ") })
  }
}

extension String {
  /// The text without its trailing spaces.
  func trimmingSuffix() -> String {
    String(self[..<(lastIndex { $0 != " " }.map { index(after: $0) } ?? startIndex)])
  }
}

/// The REQUIREMENT column gives way on a narrow terminal; the WHERE / WHY column takes the
/// rest.
@Suite struct TableFitTests {
  @Test(arguments: [
    // 30 columns go to ID, ENV, STATUS and the four gaps.
    (200, TableFit(title: 60, detail: 110)), (140, TableFit(title: 60, detail: 50)), (130, TableFit(title: 60, detail: 40)),
    (129, TableFit(title: 59, detail: 40)), (114, TableFit(title: 44, detail: 40)), (94, TableFit(title: 24, detail: 40)),
    (80, TableFit(title: 24, detail: 26)), (78, TableFit(title: 24, detail: 24)),
  ] as [(Int, TableFit)])
  func fits(terminal: Int, expected: TableFit) {
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: terminal) == expected)
  }

  @Test func tooNarrowOrAShortTitleColumn() {
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 77) == nil)
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 1) == nil)
    // A title column narrower than the least title width keeps its width.
    #expect(TableFit(widths: [4, 4, 14, 11], terminal: 70) == TableFit(title: 11, detail: 29))
    #expect(TableFit(widths: [4, 4, 14, 11], terminal: Int.max) == TableFit(title: 11, detail: Int.max - 41))
  }

  /// With the rows, the REQUIREMENT column takes the width that puts them on the fewest
  /// lines: 90 columns to share, titles of 40 and WHERE / WHY cells of 200 take 5 lines a
  /// row beside a 50-column title column (the width without the rows) and 4 beside one of
  /// 40, the widest that does.
  @Test func theTitleColumnGivesWayToPutTheRowsOnFewerLines() {
    let cells = Array(repeating: (title: 40, detail: 200), count: 10)
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 120) == TableFit(title: 50, detail: 40))
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 120, cells: cells) == TableFit(title: 40, detail: 50))
    // Long titles and short cells: the title column keeps its whole width.
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 150, cells: [(60, 30)]) == TableFit(title: 60, detail: 60))
    // Rows that fit on one line at every width: the width without the rows.
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 120, cells: [(10, 10), (20, 30)]) == TableFit(title: 50, detail: 40))
    // Too many rows times widths to weigh: the width without the rows.
    let many = Array(repeating: (title: 40, detail: 200), count: TableFit.maximumSearch / 10)
    #expect(TableFit(widths: [4, 4, 14, 60], terminal: 120, cells: many) == TableFit(title: 50, detail: 40))
  }
}

/// Words are kept whole; lines hold as many as fit.
@Suite struct CellWrappingTests {
  @Test func linesHoldAsManyWordsAsFit() {
    #expect("aa bb cc dd".wrapped(to: 5) == ["aa bb", "cc dd"])
    #expect("aa bb cc dd".wrapped(to: 4) == ["aa", "bb", "cc", "dd"])
    #expect("aa bb cc dd".wrapped(to: 11) == ["aa bb cc dd"])
    #expect("aa bb cc dd".wrapped(to: 8) == ["aa bb cc", "dd"])
  }

  @Test func aWordLongerThanTheWidthIsALineOfItsOwn() {
    #expect("see https://example.com/a/very/long/path now".wrapped(to: 10) == ["see", "https://example.com/a/very/long/path", "now"])
  }

  @Test func spacesAtACutAreDroppedAndRunsInsideALineKept() {
    #expect("aa  bb cc".wrapped(to: 6) == ["aa  bb", "cc"])
    #expect("aa bb    cc".wrapped(to: 5) == ["aa bb", "cc"])
    #expect("aa bb   ".wrapped(to: 5) == ["aa bb"])
  }

  @Test func shortTextAndDegenerateWidths() {
    #expect("".wrapped(to: 5) == [""])
    #expect("abc".wrapped(to: 0) == ["abc"])
    #expect("a b".wrapped(to: -3) == ["a", "b"])
  }

  /// Widths are terminal columns: wide characters take two, escaped controls their escape.
  @Test func wordsAreMeasuredInTerminalColumns() {
    #expect("é e\u{301} 日本".wrapped(to: 3) == ["é e\u{301}", "日本"])
    #expect("é e\u{301} 日本".wrapped(to: 2) == ["é", "e\u{301}", "日本"])
    #expect("日本 語 x".wrapped(to: 6) == ["日本", "語 x"])
    #expect("日本 語 x".wrapped(to: 7) == ["日本 語", "x"])
    #expect("a \u{202E}\u{202E} b".wrapped(to: 16) == ["a", "\u{202E}\u{202E}", "b"])
    #expect("a\tb c".wrapped(to: 11) == ["a\tb", "c"])
  }
}

/// A WHERE / WHY cell longer than `maximumWrappedBytes` stays one line even on a terminal:
/// wrapped to a narrow column, a megabyte of short words would repeat the indent on each of
/// its lines.
@Suite struct LongCellWrappingTests {
  static func matrix(noteBytes: Int) throws -> RequirementMatrix {
    var matrix = try OwnRepository.matrix.get()
    let index = try #require(matrix.rows.firstIndex { $0.findings.isEmpty && $0.evidence.isEmpty })
    matrix.rows[index].note = String(repeating: "ab ", count: noteBytes / 3) + "end"
    return matrix
  }

  @Test func aCellPastTheLimitIsWrittenWhole() throws {
    let matrix = try Self.matrix(noteBytes: TableRenderer.maximumWrappedBytes + 30)
    let wrapped = TableRenderer(colour: false, width: 130).render(matrix)
    #expect(wrapped.split(separator: "\n").contains { $0.hasSuffix("ab ab end") && $0.utf8.count > TableRenderer.maximumWrappedBytes })
  }

  @Test func aCellWithinTheLimitIsWrapped() throws {
    let matrix = try Self.matrix(noteBytes: TableRenderer.maximumWrappedBytes - 30)
    let wrapped = TableRenderer(colour: false, width: 130).render(matrix)
    let table = TableWrappingTests.tableLines(wrapped)
    #expect(table.count > matrix.rows.count + 100)
    #expect(table.allSatisfy { $0.count <= 130 })
  }
}

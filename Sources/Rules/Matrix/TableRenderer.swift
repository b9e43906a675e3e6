import Diagnostics

/// The matrix as an aligned text table, followed by the findings as
/// `file:line:column: error|warning: [rule] message` lines. Colour (ANSI) only when asked
/// (the command line asks when stdout is a terminal and NO_COLOR is unset or empty).
public struct TableRenderer: Sendable {
  public var colour: Bool
  /// The width to fit the table to, in terminal columns, or nil for one line per row.
  /// With a width, a WHERE / WHY cell longer than the columns left of the other four is
  /// wrapped at its spaces onto continuation lines that start under it
  /// (`String.wrapped(to:)`), so that a terminal does not fold it back under the ID
  /// column; the REQUIREMENT column narrows, its titles wrapping too, where that puts the
  /// table on fewer lines or the terminal is narrow (`TableFit`). The command line gives
  /// the terminal's width when it writes to one; files, pipes and CI logs keep one line
  /// per row (for `grep`). Rows whose ID, ENV or STATUS overflow their columns, cells
  /// longer than `maximumWrappedBytes`, and terminals too narrow for any `TableFit` keep
  /// one line per row. Columns are measured as the text will be printed
  /// (`TerminalColumns`: escapes of unsafe scalars, wide CJK characters and emoji, tabs at
  /// their widest), for the padding too. The findings and
  /// waived lines below the table are never wrapped: editors and CI read them as
  /// `file:line:column:` lines.
  public var width: Int?

  public init(colour: Bool, width: Int? = nil) {
    self.colour = colour
    self.width = width
  }

  /// The longest title or WHERE / WHY cell that is wrapped, in UTF-8 bytes; a row with a
  /// longer one (a finding that quotes a megabyte value) is written whole on one line, as
  /// without a width: wrapped, each of its lines would repeat the indent, several times
  /// its own size.
  static let maximumWrappedBytes = 16_384

  /// The widest a padded column gets, in terminal columns.
  static let maximumColumnWidth = 80

  public func render(_ matrix: RequirementMatrix) -> String {
    let header = ["ID", "ENV", "STATUS", "REQUIREMENT", "WHERE / WHY"]
    let rows = matrix.rows.map { row -> [String] in
      [row.requirement.id.description, row.environment ?? "all", row.status.rawValue, row.requirement.title, Self.detail(row)].map(\.foldingLineBreaks)
    }
    // Columns are padded to their longest cell up to `maximumColumnWidth`; a longer cell
    // (a 12 MB requirement title, an 8 MB env name) is written whole on its own row and
    // widens no other: padding every row to it made a gigabyte of output.
    // Widths in terminal columns (`TerminalColumns`): a CJK title or env name lines up.
    let columns = ([header] + rows).map { cells in cells.prefix(4).map(TerminalColumns.of) }
    let widths = (0..<4).map { column in min(Self.maximumColumnWidth, columns.map { $0[column] }.max() ?? 0) }
    // One string appended to in place: a list of lines joined at the end held the report
    // twice (about 3 MB of the heap's peak for the 1 MB benchmark template's 0.8 MB report).
    var text = ""
    func add(_ line: String) {
      text += line
      text += "\n"
    }
    // Whether a row is wrapped on a terminal: not when a cell is wider than its column, or
    // past `maximumWrappedBytes`; such a row keeps one line.
    func wraps(_ cells: [String], columns: [Int]) -> Bool {
      zip(columns.prefix(3), widths).allSatisfy { $0 <= $1 } && cells[3].utf8.count <= Self.maximumWrappedBytes
        && cells[4].utf8.count <= Self.maximumWrappedBytes
    }
    let fit = width.flatMap { terminal in
      let wrapped = zip(rows, columns.dropFirst()).filter(wraps)
      return TableFit(widths: widths, terminal: terminal, cells: wrapped.map { cells, columns in (columns[3], TerminalColumns.of(cells[4])) })
    }
    // ID, ENV and STATUS, each padded to its column, STATUS painted.
    func leading(_ cells: [String], columns: [Int], status: RequirementMatrix.Status?) -> String {
      let padded = (0..<3).map { cells[$0].padding(from: columns[$0], to: widths[$0]) }
      return "\(padded[0])  \(padded[1])  \(status.map { paint(padded[2], $0) } ?? padded[2])"
    }
    // One line per row: each cell padded to its column (the last one not).
    func line(_ cells: [String], columns: [Int], status: RequirementMatrix.Status?) -> String {
      let text = leading(cells, columns: columns, status: status) + "  " + cells[3].padding(from: columns[3], to: widths[3]) + "  " + cells[4]
      return text.droppingTrailingSpaces
    }
    // Fitted to the terminal: the title and the WHERE / WHY cell wrapped side by side, the
    // first three cells on the row's first line; nil for a row that keeps one line (`wraps`).
    func fitted(_ cells: [String], columns: [Int], status: RequirementMatrix.Status?, to fit: TableFit) -> String? {
      guard wraps(cells, columns: columns) else { return nil }
      let titles = cells[3].wrapped(to: fit.title)
      var details = cells[4].wrapped(to: fit.detail)[...]
      let lead = widths[0] + widths[1] + widths[2] + 2 * 2
      var lines: [String] = []
      while lines.count < titles.count || !details.isEmpty {
        var line = lines.isEmpty ? leading(cells, columns: columns, status: status) : .spaces(lead)
        let title = lines.count < titles.count ? titles[lines.count] : ""
        let titleColumns = TerminalColumns.of(title)
        line += "  " + title.padding(from: titleColumns, to: fit.title)
        // A title word wider than its column has the line to itself: the WHERE / WHY text
        // beside it would start past its column.
        if titleColumns <= fit.title, let detail = details.popFirst() { line += "  " + detail }
        lines.append(line.droppingTrailingSpaces)
      }
      return lines.joined(separator: "\n")
    }
    func row(_ cells: [String], columns: [Int], status: RequirementMatrix.Status?) -> String {
      fit.flatMap { fitted(cells, columns: columns, status: status, to: $0) } ?? line(cells, columns: columns, status: status)
    }
    add(row(header, columns: columns[0], status: nil))
    for (index, (matrixRow, cells)) in zip(matrix.rows, rows).enumerated() { add(row(cells, columns: columns[index + 1], status: matrixRow.status)) }
    add("")
    let findings = matrix.findings
    if !findings.isEmpty {
      add("Findings:")
      for finding in findings { Self.diagnostic(finding).forEach(add) }
      add("")
    }
    let waived = matrix.rows.flatMap(\.waived).uniqued(by: { "\($0.finding.location)\($0.finding.message)" })
    if !waived.isEmpty {
      add("Waived:")
      for entry in waived {
        add("\(entry.finding.location): waived for \(entry.waiver.target): [\(entry.finding.ruleID)] \(entry.finding.message) — \(entry.waiver.reason) (waiver at \(entry.waiver.location)\(entry.waiver.expires.map { ", expires \($0)" } ?? ""))".foldingLineBreaks)
      }
      add("")
    }
    add(Self.summaryLine(matrix))
    return text
  }

  /// `file:line:column: error: [rule] message (requirements 8.2, env prod)` and one
  /// indented line per related location.
  public static func diagnostic(_ finding: Finding) -> [String] {
    var context = ["requirement" + (finding.requirements.count > 1 ? "s " : " ") + finding.requirements.map(\.description).joined(separator: ", ")]
    if let environment = finding.environment { context.append("env \(environment)") }
    var lines = ["\(finding.location): \(finding.severity.rawValue): [\(finding.ruleID)] \(finding.message) (\(context.joined(separator: ", ")))".foldingLineBreaks]
    for related in finding.related { lines.append("\(related.location): note: \(related.message)".foldingLineBreaks) }
    return lines
  }

  static func detail(_ row: RequirementMatrix.Row) -> String {
    if let finding = row.findings.first {
      let more = row.findings.count > 1 ? " (+\(row.findings.count - 1) more)" : ""
      return "\(finding.location): \(finding.message)\(more)"
    }
    if let first = row.evidence.first { return "\(first): \(row.note)" }
    return row.note
  }

  public static func summaryLine(_ matrix: RequirementMatrix) -> String {
    let summary = matrix.summary
    let counts = RequirementMatrix.Status.allCases.compactMap { status -> String? in
      guard let count = summary[status], count > 0 else { return nil }
      return "\(count) \(status.rawValue)"
    }
    let environments = matrix.environments.isEmpty ? "" : " (config envs: \(matrix.environments.joined(separator: ", ").foldingLineBreaks))"
    return "\(matrix.rows.count) rows: \(counts.joined(separator: ", "))\(environments); requirements from \(matrix.catalogueSource.foldingLineBreaks)"
  }

  private func paint(_ text: String, _ status: RequirementMatrix.Status) -> String {
    guard colour else { return text }
    let code = switch status {
    case .pass: "32"
    case .fail: "31"
    case .warn: "33"
    case .needsEvidence: "36"
    case .waived: "35"
    case .notApplicable, .noRule: "2"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}

extension String {
  /// The text followed by spaces up to `width` columns, given that it takes `columns`.
  func padding(from columns: Int, to width: Int) -> String {
    columns >= width ? self : self + .spaces(width - columns)
  }

  /// `count` spaces (U+0020), written as bytes: `String(repeating: " ", count:)` appends
  /// the one-space string `count` times (about 6 K instructions for a cell's padding).
  static func spaces(_ count: Int) -> String {
    String(unsafeUninitializedCapacity: count) { buffer in
      buffer.initialize(repeating: UInt8(ascii: " "))
      return count
    }
  }

  /// The text without its trailing spaces (U+0020 Characters). When the scalar before them
  /// is ASCII each space is a Character of its own and they are cut off by their bytes;
  /// otherwise (a space can belong to the Character before it, after a prepended
  /// concatenation mark such as U+0600) by Characters, read backwards (grapheme breaking,
  /// which had taken a third of the table's rendering when every line was trimmed so).
  var droppingTrailingSpaces: String {
    let bytes = utf8
    var end = bytes.endIndex
    while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x20 { end = bytes.index(before: end) }
    if end == bytes.endIndex { return self }
    if end == bytes.startIndex || bytes[bytes.index(before: end)] < 0x80 { return String(self[..<end]) }
    return String(self[..<(lastIndex(where: { $0 != " " }).map { index(after: $0) } ?? startIndex)])
  }
}

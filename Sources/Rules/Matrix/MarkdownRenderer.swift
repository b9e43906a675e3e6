/// The matrix as GitHub-flavoured Markdown for a pull-request comment: a summary line,
/// the matrix as a table (one row per matrix row), then the findings and the waived
/// findings as lists.
///
/// Table cells escape `|` and fold line breaks, so every row has the header's five cells.
/// Reference: "Organizing information with tables", GitHub Docs,
/// https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/organizing-information-with-tables
public struct MarkdownRenderer: Sendable {
  public init() {}

  public func render(_ matrix: RequirementMatrix) -> String {
    var lines: [String] = []
    lines.append("## vibe-rules: \(matrix.isCompliant ? "compliant" : "not compliant")")
    lines.append("")
    lines.append(Self.cell(TableRenderer.summaryLine(matrix)))
    lines.append("")
    lines.append("| ID | Env | Status | Requirement | Where / why |")
    lines.append("| --- | --- | --- | --- | --- |")
    for row in matrix.rows {
      let cells = [
        row.requirement.id.description, row.environment ?? "all", "\(Self.symbol(row.status)) \(row.status.rawValue)",
        row.requirement.title, TableRenderer.detail(row),
      ]
      lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
    }
    let findings = matrix.reportedFindings
    if !findings.isEmpty {
      lines.append("")
      lines.append("### Findings")
      lines.append("")
      for entry in findings {
        lines.append("- **\(entry.finding.severity.rawValue)** \(Self.code(entry.finding.location.description)) [\(Self.code(entry.finding.ruleID))] \(Self.text(entry.finding.message)) (\(Self.text(entry.context(allEnvironments: matrix.environments))))")
        for related in entry.finding.related {
          lines.append("  - \(Self.code(related.location.description)): \(Self.text(related.message))")
        }
      }
    }
    let waived = matrix.waivedFindings
    if !waived.isEmpty {
      lines.append("")
      lines.append("### Waived")
      lines.append("")
      for entry in waived {
        guard let waiver = entry.waiver else { continue }
        let expiry = waiver.expires.map { ", expires \($0)" } ?? ""
        lines.append("- \(Self.code(entry.finding.location.description)) [\(Self.code(entry.finding.ruleID))] \(Self.text(entry.finding.message)) (\(Self.text(entry.context(allEnvironments: matrix.environments)))) — waived at \(Self.code(waiver.location.description))\(expiry): \(Self.text(waiver.reason))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func symbol(_ status: RequirementMatrix.Status) -> String {
    switch status {
    case .pass: "✅"
    case .fail: "❌"
    case .warn: "⚠️"
    case .needsEvidence: "🔎"
    case .waived: "💤"
    case .notApplicable, .noRule: "➖"
    }
  }

  /// A table cell: `|` escaped, line breaks folded to spaces.
  static func cell(_ text: String) -> String {
    Self.text(text).replacingOccurrences(of: "|", with: "\\|")
  }

  /// Prose: line breaks folded; `<` and `&` outside code spans escaped (GitHub would read
  /// `<b>` as HTML and `&amp;` as `&`). A code span is a run of backticks closed by a run
  /// of the same length (CommonMark 0.31, 6.1 "Code spans"); an unmatched backtick is
  /// text, and escaping goes on past it (a lone one had let an env name's `<img>` through).
  static func text(_ text: String) -> String {
    let characters = Array(text)
    // The length of the backtick run starting at `index`.
    func run(at index: Int) -> Int {
      var end = index
      while end < characters.count, characters[end] == "`" { end += 1 }
      return end - index
    }
    // Where the last run of each length starts: a run opens a span only when a run of its
    // length starts after it (one pass, so a title of many backticks stays linear).
    var lastRun: [Int: Int] = [:]
    var scan = 0
    while scan < characters.count {
      guard characters[scan] == "`" else { scan += 1; continue }
      let length = run(at: scan)
      lastRun[length] = scan
      scan += length
    }
    var out = ""
    var open: Int?
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "`" {
        let length = run(at: index)
        if let opened = open {
          if length == opened { open = nil }
        } else if let last = lastRun[length], last > index {
          open = length
        }
        out += String(repeating: "`", count: length)
        index += length
        continue
      }
      if character.isNewline {
        out.append(" ")
      } else if character == "<" && open == nil {
        out += "&lt;"
      } else if character == "&" && open == nil {
        out += "&amp;"
      } else {
        out.append(character)
      }
      index += 1
    }
    return out
  }

  /// An inline code span that survives backticks in the text.
  static func code(_ text: String) -> String {
    let folded = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    let fence = folded.containsText("`") ? "`` " : "`"
    return fence + folded + (fence == "`" ? "`" : " ``")
  }
}

import Foundation
import Testing
@testable import Rules

/// The Markdown report: a GitHub-flavoured table with one line per matrix row and five
/// cells on every line, then the findings.
@Suite struct MarkdownRendererTests {
  /// The cells of a table line: split on `|` not escaped by a backslash.
  static func cells(_ line: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var previous: Character = " "
    for character in line.dropFirst().dropLast() {
      if character == "|" && previous != "\\" {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
      previous = character
    }
    cells.append(current)
    return cells.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  static func table(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("|") }
  }

  @Test func ownRepositoryTableShape() throws {
    let matrix = try OwnRepository.matrix.get()
    let text = MarkdownRenderer().render(matrix)
    let table = Self.table(text)
    #expect(table.count == matrix.rows.count + 2)
    #expect(Self.cells(table[0]) == ["ID", "Env", "Status", "Requirement", "Where / why"])
    #expect(Self.cells(table[1]) == Array(repeating: "---", count: 5))
    for (line, row) in zip(table.dropFirst(2), matrix.rows) {
      let cells = Self.cells(line)
      #expect(cells.count == 5, "\(line)")
      #expect(cells[0] == row.requirement.id.description)
      #expect(cells[2].hasSuffix(row.status.rawValue))
    }
    #expect(text.contains("### Waived"))
    #expect(text.contains("### Findings") == !matrix.reportedFindings.isEmpty)
    #expect(text.hasPrefix(matrix.isCompliant ? "## vibe-rules: compliant" : "## vibe-rules: not compliant"))
  }

  @Test func brokenCopyListsFindings() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let text = MarkdownRenderer().render(matrix)
    #expect(text.hasPrefix("## vibe-rules: not compliant"))
    let list = text.components(separatedBy: "### Findings\n\n")[1].components(separatedBy: "\n\n")[0]
    let entries = list.split(separator: "\n").filter { $0.hasPrefix("- ") }
    #expect(entries.count == matrix.reportedFindings.count)
    #expect(entries.contains { $0.contains("[`task-ingress-from-alb`]") && $0.contains("`infra/template.yaml:") })
  }

  @Test func escapesPipesInCells() {
    #expect(MarkdownRenderer.cell("a|b\nc") == "a\\|b c")
    #expect(Self.cells("| " + ["x", MarkdownRenderer.cell("p|q"), "z"].joined(separator: " | ") + " |").count == 3)
    #expect(MarkdownRenderer.text("push <sha> with `a<b`") == "push &lt;sha> with `a<b`")
    // An entity in a quoted value shows as written, not as the character it names.
    #expect(MarkdownRenderer.text("env ev<b>&amp;</b> and `a&b`") == "env ev&lt;b>&amp;amp;&lt;/b> and `a&b`")
  }

  /// A backtick without a closing run of its length opens no code span: escaping goes on
  /// past it (a config env named ``pr`od<img src=…>`` had put a raw `<img>` in the summary).
  @Test func anUnmatchedBacktickOpensNoCodeSpan() {
    #expect(MarkdownRenderer.text("pr`od<img src=x>") == "pr`od&lt;img src=x>")
    #expect(MarkdownRenderer.text("a ``b` <c>") == "a ``b` &lt;c>")
    #expect(MarkdownRenderer.text("``a`<b``<c>") == "``a`<b``&lt;c>")
    #expect(MarkdownRenderer.text("`x` then `y<z") == "`x` then `y&lt;z")
    // Runs of growing length, none closed: each is looked up, not searched for (a search
    // per run made this quadratic).
    let runs = (1...400).map { String(repeating: "`", count: $0) + "<" }.joined()
    #expect(MarkdownRenderer.text(runs).components(separatedBy: "&lt;").count == 401)
  }
}

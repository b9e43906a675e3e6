import ArgumentParser
import Rules

/// `vibe-rules list`: the rule catalogue.
struct ListRules: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List every rule: id, requirements, kind, artifacts, title.")

  func run() throws {
    let rows = RuleCatalog.all.map(\.definition).map { rule in
      [rule.id, rule.requirements.map(\.description).joined(separator: ","), rule.kind.rawValue,
       rule.artifacts.map(\.rawValue).joined(separator: ","), rule.title]
    }
    let header = ["RULE", "REQUIREMENTS", "KIND", "ARTIFACTS", "TITLE"]
    let widths = (0..<4).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    for cells in [header] + rows {
      let padded = cells.enumerated().map { index, cell in
        index < 4 ? cell + String(repeating: " ", count: widths[index] - cell.count) : cell
      }
      print(padded.joined(separator: "  "))
    }
    let kinds = RuleCatalog.all.map(\.definition.kind).reduce(into: [RuleDefinition.Kind]()) { if !$0.contains($1) { $0.append($1) } }
    print("\nKIND: " + kinds.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; "))
    print("\(rows.count) rules")
  }
}

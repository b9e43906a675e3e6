extension ArchitectureGraph {
  /// A Mermaid flowchart (left to right): resources as boxes labelled with logical ID and
  /// type, references as dotted arrows (`-.->`), admitted traffic as thick arrows (`==>`),
  /// blocked traffic as crossed arrows (`--x`). Node IDs are `r_<LogicalID>` so no
  /// logical ID can collide with a Mermaid keyword (`end`, `graph`).
  /// Reference: Mermaid flowchart syntax, https://mermaid.js.org/syntax/flowchart.html
  public func mermaid() -> String {
    var lines = ["flowchart LR", "  %% vibe-rules graph: \(Self.mermaidText(file)), config env \(Self.mermaidText(environment))"]
    for node in nodes {
      let label = Self.mermaidText(node.name) + (node.type.map { "<br/>" + Self.mermaidText($0) } ?? "")
      lines.append(node.type == nil ? "  \(node.id)((\"\(label)\"))" : "  \(node.id)[\"\(label)\"]")
    }
    for edge in edges {
      let arrow = switch edge.kind {
      case .reference: "-.->"
      case .traffic: "==>"
      case .blocked: "--x"
      }
      lines.append("  \(edge.from) \(arrow)|\"\(Self.mermaidText(edge.label))\"| \(edge.to)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text inside a quoted Mermaid label: `#`, `"`, `|`, `<` and `>` as entity codes, line
  /// breaks as spaces.
  static func mermaidText(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "#": out += "#35;"
      case "\"": out += "#quot;"
      case "|": out += "#124;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "\n", "\r": out += " "
      default: out.append(character)
      }
    }
    return out
  }
}

extension ArchitectureGraph {
  /// A Graphviz DOT digraph (left to right): resources as boxes labelled with logical ID
  /// and type, references as dashed grey edges, admitted traffic as bold blue edges,
  /// blocked traffic as bold red edges. Reference: "The DOT Language",
  /// https://graphviz.org/doc/info/lang.html
  public func dot() -> String {
    var lines = [
      "digraph \"vibe-rules\" {",
      "  label=\(Self.dotString("\(file), config env \(environment)"));",
      "  labelloc=t;",
      "  rankdir=LR;",
      "  node [shape=box, fontname=\"Helvetica\"];",
      "  edge [fontname=\"Helvetica\", fontsize=10];",
    ]
    for node in nodes {
      if let type = node.type {
        lines.append("  \(Self.dotString(node.id)) [label=\(Self.dotString(node.name, type))];")
      } else {
        lines.append("  \(Self.dotString(node.id)) [label=\(Self.dotString(node.name)), shape=ellipse];")
      }
    }
    for edge in edges {
      let style = switch edge.kind {
      case .reference: "style=dashed, color=gray50, fontcolor=gray40"
      case .traffic: "color=blue, penwidth=2"
      case .blocked: "color=red, penwidth=2, fontcolor=red"
      }
      lines.append("  \(Self.dotString(edge.from)) -> \(Self.dotString(edge.to)) [label=\(Self.dotString(edge.label)), \(style)];")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A double-quoted DOT string of `lines` joined by centred line breaks (`\n`), with
  /// `"` and `\` escaped.
  static func dotString(_ lines: String...) -> String {
    let escaped = lines.map { line in
      line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
    return "\"" + escaped.joined(separator: "\\n") + "\""
  }
}

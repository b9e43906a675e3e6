import Diagnostics

/// Finds reference cycles, which CloudFormation rejects ("Circular dependency between
/// resources"), with an iterative depth-first search (no recursion, so a long chain
/// cannot overflow the stack).
enum CycleCheck {
  static func resources(_ graph: TemplateGraph, template: Template) throws(InputError) {
    var successors: [String: [TemplateGraph.Edge]] = [:]
    for edge in graph.edges where edge.from.hasPrefix("Resources/") && template.resource(edge.to) != nil && edge.kind != .condition {
      successors[String(edge.from.dropFirst("Resources/".count)), default: []].append(edge)
    }
    if let cycle = findCycle(successors, nodes: template.resources.map(\.logicalID)) {
      throw InputError("circular dependency between resources: \(cycle.names.joined(separator: " -> "))", at: cycle.location)
    }
  }

  static func conditions(_ graph: TemplateGraph) throws(InputError) {
    var successors: [String: [TemplateGraph.Edge]] = [:]
    var nodes: [String] = []
    for edge in graph.edges where edge.from.hasPrefix("Conditions/") && edge.kind == .condition {
      let from = String(edge.from.dropFirst("Conditions/".count))
      if successors[from] == nil { nodes.append(from) }
      successors[from, default: []].append(edge)
    }
    if let cycle = findCycle(successors, nodes: nodes) {
      throw InputError("circular dependency between conditions: \(cycle.names.joined(separator: " -> "))", at: cycle.location)
    }
  }

  private static func findCycle(_ successors: [String: [TemplateGraph.Edge]], nodes: [String]) -> (names: [String], location: SourceLocation)? {
    enum Mark { case visiting, done }
    var marks: [String: Mark] = [:]
    for start in nodes where marks[start] == nil {
      var stack: [(node: String, next: Int)] = [(start, 0)]
      marks[start] = .visiting
      while let top = stack.last {
        let outgoing = successors[top.node] ?? []
        if top.next == outgoing.count {
          marks[top.node] = .done
          stack.removeLast()
          continue
        }
        stack[stack.count - 1].next += 1
        let edge = outgoing[top.next]
        switch marks[edge.to] {
        case .visiting:
          let names = stack.map(\.node).drop(while: { $0 != edge.to }) + [edge.to]
          return (Array(names), edge.location)
        case .done:
          continue
        case nil:
          marks[edge.to] = .visiting
          stack.append((edge.to, 0))
        }
      }
    }
    return nil
  }
}

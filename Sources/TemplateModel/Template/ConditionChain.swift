import Diagnostics

/// Bounds how many conditions deciding one condition takes: `C0: !Not [!Condition C1]`,
/// `C1: !Not [!Condition C2]`, ... is a chain, and a chain of 2,000 once overflowed the
/// evaluator's stack. The longest chain is found along an iterative post-order (no
/// recursion), after `CycleCheck` has ruled out cycles.
enum ConditionChain {
  /// The longest chain accepted, counted in conditions (`C0 -> C1` is 2): 128. Real
  /// templates chain a handful (an `IsProdAndHasDomain` over `IsProd` and
  /// `HasDomain`: 2); CloudFormation documents no limit. A longer chain is one located
  /// `InputError` at the condition that starts it.
  static let maximumLength = 128

  /// Condition name → the conditions it references (`!Condition X`, `Fn::If`'s name).
  static func successors(_ graph: TemplateGraph) -> [String: [String]] {
    var successors: [String: [String]] = [:]
    for edge in graph.edges where edge.from.hasPrefix("Conditions/") && edge.kind == .condition {
      successors[String(edge.from.dropFirst("Conditions/".count)), default: []].append(edge.to)
    }
    return successors
  }

  /// Every condition after the conditions it references (an iterative post-order):
  /// deciding them in this order finds each referenced outcome already known, so a
  /// chain (`C0: !Not [!Condition C1]`, ...) never recurses from one condition into the next.
  static func dependencyOrder(_ template: Template, _ successors: [String: [String]]? = nil) -> [String] {
    let successors = successors ?? Self.successors(template.graph)
    var order: [String] = []
    var seen: Set<String> = []
    for start in template.conditions.keys where !seen.contains(start) {
      seen.insert(start)
      var stack: [(node: String, next: Int)] = [(start, 0)]
      while let top = stack.last {
        let outgoing = successors[top.node] ?? []
        if top.next < outgoing.count {
          stack[stack.count - 1].next += 1
          let next = outgoing[top.next]
          if seen.insert(next).inserted { stack.append((next, 0)) }
        } else {
          order.append(top.node)
          stack.removeLast()
        }
      }
    }
    return order
  }

  /// - Throws: `InputError` at the condition that starts the longest chain, when that
  ///   chain passes `maximumLength`.
  static func check(_ graph: TemplateGraph, template: Template) throws(InputError) {
    let successors = successors(graph)
    guard !successors.isEmpty else { return }
    // length[c]: conditions in the longest chain starting at c (c included); every
    // successor comes earlier in dependency order (cycles are ruled out before).
    var length: [String: Int] = [:]
    var start: (name: String, length: Int)?
    for name in dependencyOrder(template, successors) {
      let longest = 1 + ((successors[name] ?? []).compactMap { length[$0] }.max() ?? 0)
      length[name] = longest
      if longest > start?.length ?? maximumLength { start = (name, longest) }
    }
    guard let start else { return }
    // The chain from its start, following the longest successor (3 shown).
    var chain = [start.name]
    while chain.count < 4, let next = (successors[chain[chain.count - 1]] ?? []).max(by: { (length[$0] ?? 0) < (length[$1] ?? 0) }) {
      chain.append(next)
    }
    let shown = chain.prefix(3).joined(separator: " -> ") + (chain.count > 3 ? " -> ..." : "")
    throw InputError(
      "condition \(start.name) is decided through a chain of \(start.length) conditions (\(shown)); vibe-rules refuses chains longer than \(maximumLength)",
      at: template.conditions.entry(start.name)?.keyLocation ?? template.location)
  }
}

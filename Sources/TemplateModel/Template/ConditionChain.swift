import Diagnostics

/// Bounds how many conditions deciding one condition takes: `C0: !Not [!Condition C1]`,
/// `C1: !Not [!Condition C2]`, ... is a chain, and a chain of 2,000 once overflowed the
/// evaluator's stack. The longest chain is found with an iterative depth-first search
/// (no recursion), after `CycleCheck` has ruled out cycles.
enum ConditionChain {
  /// The longest chain accepted, counted in conditions (`C0 -> C1` is 2): 128. Real
  /// templates chain a handful (an `IsProdAndHasDomain` over `IsProd` and
  /// `HasDomain`: 2); CloudFormation documents no limit. A longer chain is one located
  /// `InputError` at the condition that starts it.
  static let maximumLength = 128

  static func check(_ graph: TemplateGraph, template: Template) throws(InputError) {
    var successors: [String: [String]] = [:]
    for edge in graph.edges where edge.from.hasPrefix("Conditions/") && edge.kind == .condition {
      successors[String(edge.from.dropFirst("Conditions/".count)), default: []].append(edge.to)
    }
    guard !successors.isEmpty else { return }
    // length[c]: conditions in the longest chain starting at c (c included).
    var length: [String: Int] = [:]
    for start in template.conditions.keys where length[start] == nil {
      var stack: [(node: String, next: Int)] = [(start, 0)]
      while let top = stack.last {
        let outgoing = successors[top.node] ?? []
        if top.next < outgoing.count {
          stack[stack.count - 1].next += 1
          let next = outgoing[top.next]
          if length[next] == nil && !stack.contains(where: { $0.node == next }) { stack.append((next, 0)) }
          continue
        }
        let longest = 1 + (outgoing.compactMap { length[$0] }.max() ?? 0)
        length[top.node] = longest
        stack.removeLast()
        if longest > maximumLength {
          let origin = stack.first?.node ?? top.node
          // The chain from `origin`, following the longest successor (3 shown).
          var chain = [origin]
          while chain.count < 4, let next = (successors[chain[chain.count - 1]] ?? []).max(by: { (length[$0] ?? 0) < (length[$1] ?? 0) }) {
            chain.append(next)
          }
          let shown = chain.prefix(3).joined(separator: " -> ") + (chain.count > 3 ? " -> ..." : "")
          throw InputError(
            "condition \(origin) is decided through a chain of more than \(maximumLength) conditions (\(shown)); vibe-rules refuses chains longer than \(maximumLength)",
            at: template.conditions.entry(origin)?.keyLocation ?? template.location)
        }
      }
    }
  }
}

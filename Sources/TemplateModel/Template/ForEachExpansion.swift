import Diagnostics

/// Expands `Fn::ForEach` loops whose collection is written literally, as the
/// `AWS::LanguageExtensions` transform does: each output key and value is copied once
/// per item, with `${Identifier}` and `&{Identifier}` (the item with non-alphanumeric
/// characters removed) replaced in keys and `Fn::Sub` strings, and `Ref: Identifier`
/// replaced by the item. Loops over a deploy-time collection (a `Ref` to a list
/// parameter, ...) are returned in `unexpanded` and left out.
///
/// Loops multiply: the nodes all loops produce, nested ones included, count against
/// `TemplateDocument.maximumNodeCount` (three nested loops of 100 items already make a
/// million copies), and the text they write against `maximumWrittenBytes`: every key and
/// scalar of every copy, with what substitutions add (800 items × 3,000 `${X}` of a long
/// item had taken 29 s and 2.4 GB; 5,000 copies of an unchanged `Fn::Sub` of 3,000
/// references, a 99 KB template, 25.8 s and 1.5 GB, as each copy is read and evaluated);
/// past either the template is refused at the loop that crosses it.
enum ForEachExpansion {
  /// The most bytes of text all loops may write (32 MiB, twice the largest file
  /// vibe-rules reads). Each copy and each substitution is sized before it is made.
  static let maximumWrittenBytes = 32 * 1024 * 1024

  /// What the loops have produced so far, and where the loop being expanded is written.
  private struct Budget {
    var nodes = 0
    var bytes = 0
    var loop: (name: String, location: SourceLocation)

    /// `text` with every `target` replaced, after charging what the replacements add (the
    /// copy's own text is charged by `write(_:)`).
    mutating func replacing(_ target: String, with item: String, in text: String) throws(InputError) -> String {
      let count = TemplateEvaluator.occurrences(of: target, in: text)
      guard count > 0 else { return text }
      try write(count * max(0, item.utf8.count - target.utf8.count))
      return text.replacingAll(target, with: item)
    }

    /// Charges `size` bytes of written text.
    ///
    /// - Throws: `InputError` at the loop when the loops have written more than
    ///   `maximumWrittenBytes`.
    mutating func write(_ size: Int) throws(InputError) {
      bytes += size
      guard bytes <= ForEachExpansion.maximumWrittenBytes else {
        throw InputError(
          "\(loop.name) writes more than \(ForEachExpansion.maximumWrittenBytes / 1_048_576) MiB of text (its loops multiply); CloudFormation's processed template could not hold it",
          at: loop.location)
      }
    }
  }

  static func expand(_ map: TemplateMap, unexpanded: inout [ForEachLoop]) throws(InputError) -> TemplateMap {
    var budget = Budget(loop: ("", .start(of: "")))
    return try expand(map, unexpanded: &unexpanded, budget: &budget)
  }

  private static func expand(_ map: TemplateMap, unexpanded: inout [ForEachLoop], budget: inout Budget) throws(InputError) -> TemplateMap {
    guard map.entries.contains(where: { $0.key.hasPrefix("Fn::ForEach::") }) else { return map }
    var result: [TemplateMap.Entry] = []
    for entry in map.entries {
      guard entry.key.hasPrefix("Fn::ForEach::") else {
        result.append(entry)
        continue
      }
      let loop = try ForEachLoop(entry.value, name: entry.key, at: entry.keyLocation)
      guard let bindings = iterations(of: loop) else {
        unexpanded.append(loop)
        continue
      }
      var size = TreeSize()
      size.add(loop.output)
      for binding in bindings {
        budget.nodes += size.nodes
        budget.loop = (entry.key, entry.keyLocation)
        guard budget.nodes <= TemplateDocument.maximumNodeCount else {
          throw InputError("\(entry.key) expands the template past \(TemplateDocument.maximumNodeCount) nodes (its loops multiply: \(bindings.count) items here); CloudFormation's processed template could not hold it", at: entry.keyLocation)
        }
        try budget.write(size.bytes)
        var copies: [TemplateMap.Entry] = []
        for output in loop.output.entries {
          copies.append(
            TemplateMap.Entry(
              key: try substitute(output.key, binding, &budget), keyLocation: output.keyLocation,
              value: try replace(output.value, binding, &budget)))
        }
        result.append(contentsOf: try expand(TemplateMap(copies), unexpanded: &unexpanded, budget: &budget).entries)
      }
    }
    return TemplateMap(result)
  }

  /// One `[identifier: item]` binding per iteration, or nil if the collection is not literal.
  private static func iterations(of loop: ForEachLoop) -> [[String: String]]? {
    switch loop.collection.value {
    case .list(let items):
      var bindings: [[String: String]] = []
      for item in items {
        guard let text = item.scalar?.text else { return nil }
        bindings.append([loop.identifiers[0]: text])
      }
      return bindings
    case .map(let map) where loop.identifiers.count == 2:
      var bindings: [[String: String]] = []
      for entry in map.entries {
        guard let text = entry.value.scalar?.text else { return nil }
        bindings.append([loop.identifiers[0]: entry.key, loop.identifiers[1]: text])
      }
      return bindings
    default:
      return nil
    }
  }

  /// The nodes of a tree and the bytes of its keys and scalars: what one copy of a loop's
  /// output writes.
  private struct TreeSize {
    var nodes = 0
    var bytes = 0

    /// Adds `node`'s tree (itself included).
    mutating func add(_ node: TemplateNode) {
      nodes += 1
      switch node.value {
      case .scalar(let scalar): bytes += scalar.text.utf8.count
      case .list(let items): for item in items { add(item) }
      case .map(let map): add(map)
      case .intrinsic(let call): add(call.argument)
      }
    }

    /// Adds `map`'s entries: a node for each key, its text, and its value's tree.
    mutating func add(_ map: TemplateMap) {
      for entry in map.entries {
        nodes += 1
        bytes += entry.key.utf8.count
        add(entry.value)
      }
    }
  }

  private static func substitute(_ text: String, _ binding: [String: String], _ budget: inout Budget) throws(InputError) -> String {
    var result = text
    for (identifier, item) in binding {
      result = try budget.replacing("${\(identifier)}", with: item, in: result)
      result = try budget.replacing("&{\(identifier)}", with: String(item.filter { $0.isLetter || $0.isNumber }), in: result)
    }
    return result
  }

  private static func replace(_ node: TemplateNode, _ binding: [String: String], _ budget: inout Budget) throws(InputError) -> TemplateNode {
    switch node.value {
    case .scalar:
      return node
    case .list(let items):
      var copies: [TemplateNode] = []
      for item in items { copies.append(try replace(item, binding, &budget)) }
      return TemplateNode(.list(copies), at: node.location)
    case .map(let map):
      var entries: [TemplateMap.Entry] = []
      for entry in map.entries {
        entries.append(
          TemplateMap.Entry(key: try substitute(entry.key, binding, &budget), keyLocation: entry.keyLocation, value: try replace(entry.value, binding, &budget)))
      }
      return TemplateNode(.map(TemplateMap(entries)), at: node.location)
    case .intrinsic(let call):
      if call.function == .ref, let name = call.argument.text, let item = binding[name] {
        return TemplateNode(.scalar(.string(item)), at: node.location)
      }
      if call.function == .sub {
        let argument: TemplateNode
        if let text = call.argument.scalar?.text {
          argument = TemplateNode(.scalar(.string(try substitute(text, binding, &budget))), at: call.argument.location)
        } else if var items = call.argument.list, let first = items.first?.scalar?.text {
          items[0] = TemplateNode(.scalar(.string(try substitute(first, binding, &budget))), at: items[0].location)
          var rest: [TemplateNode] = []
          for item in items.dropFirst() { rest.append(try replace(item, binding, &budget)) }
          argument = TemplateNode(.list([items[0]] + rest), at: call.argument.location)
        } else {
          argument = try replace(call.argument, binding, &budget)
        }
        return TemplateNode(.intrinsic(Intrinsic(.sub, argument, at: call.location)), at: node.location)
      }
      return TemplateNode(.intrinsic(Intrinsic(call.function, try replace(call.argument, binding, &budget), at: call.location)), at: node.location)
    }
  }
}

extension String {
  /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var result = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}

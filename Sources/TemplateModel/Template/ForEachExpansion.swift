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
/// million copies); past it the template is refused at the loop that crosses it.
enum ForEachExpansion {
  static func expand(_ map: TemplateMap, unexpanded: inout [ForEachLoop]) throws(InputError) -> TemplateMap {
    var produced = 0
    return try expand(map, unexpanded: &unexpanded, produced: &produced)
  }

  private static func expand(_ map: TemplateMap, unexpanded: inout [ForEachLoop], produced: inout Int) throws(InputError) -> TemplateMap {
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
      let size = loop.output.entries.reduce(0) { $0 + 1 + nodeCount($1.value) }
      for binding in bindings {
        produced += size
        guard produced <= TemplateDocument.maximumNodeCount else {
          throw InputError("\(entry.key) expands the template past \(TemplateDocument.maximumNodeCount) nodes (its loops multiply: \(bindings.count) items here); CloudFormation's processed template could not hold it", at: entry.keyLocation)
        }
        let copied = TemplateMap(loop.output.entries.map { output in
          TemplateMap.Entry(
            key: substitute(output.key, binding), keyLocation: output.keyLocation,
            value: replace(output.value, binding))
        })
        result.append(contentsOf: try expand(copied, unexpanded: &unexpanded, produced: &produced).entries)
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

  /// The nodes of `node`'s tree (itself included).
  private static func nodeCount(_ node: TemplateNode) -> Int {
    switch node.value {
    case .scalar: 1
    case .list(let items): items.reduce(1) { $0 + nodeCount($1) }
    case .map(let map): map.entries.reduce(1) { $0 + 1 + nodeCount($1.value) }
    case .intrinsic(let call): 1 + nodeCount(call.argument)
    }
  }

  private static func substitute(_ text: String, _ binding: [String: String]) -> String {
    var result = text
    for (identifier, item) in binding {
      result = result.replacingAll("${\(identifier)}", with: item)
      result = result.replacingAll("&{\(identifier)}", with: String(item.filter { $0.isLetter || $0.isNumber }))
    }
    return result
  }

  private static func replace(_ node: TemplateNode, _ binding: [String: String]) -> TemplateNode {
    switch node.value {
    case .scalar:
      return node
    case .list(let items):
      return TemplateNode(.list(items.map { replace($0, binding) }), at: node.location)
    case .map(let map):
      return TemplateNode(.map(TemplateMap(map.entries.map {
        TemplateMap.Entry(key: substitute($0.key, binding), keyLocation: $0.keyLocation, value: replace($0.value, binding))
      })), at: node.location)
    case .intrinsic(let call):
      if call.function == .ref, let name = call.argument.text, let item = binding[name] {
        return TemplateNode(.scalar(.string(item)), at: node.location)
      }
      if call.function == .sub {
        let argument: TemplateNode
        if let text = call.argument.scalar?.text {
          argument = TemplateNode(.scalar(.string(substitute(text, binding))), at: call.argument.location)
        } else if var items = call.argument.list, let first = items.first?.scalar?.text {
          items[0] = TemplateNode(.scalar(.string(substitute(first, binding))), at: items[0].location)
          items = [items[0]] + items.dropFirst().map { replace($0, binding) }
          argument = TemplateNode(.list(items), at: call.argument.location)
        } else {
          argument = replace(call.argument, binding)
        }
        return TemplateNode(.intrinsic(Intrinsic(.sub, argument, at: call.location)), at: node.location)
      }
      return TemplateNode(.intrinsic(Intrinsic(call.function, replace(call.argument, binding), at: call.location)), at: node.location)
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

extension TemplateNode {
  /// A short rendering in YAML short form, for messages: `!Ref X`, `!Sub "a-${B}"`,
  /// `[a, b]`.
  public var display: String {
    switch value {
    case .scalar(let scalar): scalar.kind == .null ? "null" : scalar.text
    case .list(let items): "[" + items.map(\.display).joined(separator: ", ") + "]"
    case .map(let map): "{" + map.entries.map { "\($0.key): \($0.value.display)" }.joined(separator: ", ") + "}"
    case .intrinsic(let call): call.display
    }
  }
}

extension Intrinsic {
  /// The call in YAML short form (`!GetAtt A.B`), or long form where there is none.
  public var display: String {
    let name = function.shortTag ?? function.rawValue
    if function == .getAtt, let list = argument.list, list.count == 2 {
      return "\(name) \(list[0].display).\(list[1].display)"
    }
    if let scalar = argument.scalar, scalar.kind == .string, function == .sub {
      return "\(name) \"\(scalar.text)\""
    }
    return "\(name) \(argument.display)"
  }
}

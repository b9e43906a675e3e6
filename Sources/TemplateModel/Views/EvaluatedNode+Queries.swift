extension EvaluatedNode {
  /// Whether this value refers to resource `logicalID` anywhere inside it (`!Ref X`,
  /// `!GetAtt X.Attr`, `${X.Name}` inside an `Fn::Sub`, either branch of an undecided `Fn::If`).
  /// Every logical ID `mentions` is true for, added to `ids`.
  func collectMentionedResources(into ids: inout Set<String>) {
    switch value {
    case .scalar: return
    case .list(let items): for item in items { item.collectMentionedResources(into: &ids) }
    case .map(let map): for entry in map.entries { entry.value.collectMentionedResources(into: &ids) }
    case .unresolved(let what):
      switch what {
      case .resource(let id), .attribute(let id, _): ids.insert(id)
      case .concatenation(let parts): for part in parts { part.collectMentionedResources(into: &ids) }
      case .conditional(_, let then, let otherwise):
        then?.collectMentionedResources(into: &ids)
        otherwise?.collectMentionedResources(into: &ids)
      default: return
      }
    }
  }

  /// Every logical ID this value refers to (see `mentions(_:)`).
  public var mentionedResources: Set<String> {
    var ids = Set<String>()
    collectMentionedResources(into: &ids)
    return ids
  }

  public func mentions(_ logicalID: String) -> Bool {
    switch value {
    case .scalar: return false
    case .list(let items): return items.contains { $0.mentions(logicalID) }
    case .map(let map): return map.entries.contains { $0.value.mentions(logicalID) }
    case .unresolved(let what):
      switch what {
      case .resource(let id), .attribute(let id, _): return id == logicalID
      case .concatenation(let parts): return parts.contains { $0.mentions(logicalID) }
      case .conditional(_, let then, let otherwise):
        return (then?.mentions(logicalID) ?? false) || (otherwise?.mentions(logicalID) ?? false)
      default: return false
      }
    }
  }

  /// Whether both values are the same, wherever each is written (`==` also compares
  /// locations): `!Sub "service/${Cluster}/${Service.Name}"` written twice is the
  /// same value. Unresolved parts compare by what they stand for.
  public func hasSameValue(as other: EvaluatedNode) -> Bool {
    switch (value, other.value) {
    case (.scalar(let a), .scalar(let b)): return a.text == b.text && (a.kind == .null) == (b.kind == .null)
    case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameValue(as: $1) }
    case (.map(let a), .map(let b)):
      return a.keys == b.keys && zip(a.entries, b.entries).allSatisfy { $0.value.hasSameValue(as: $1.value) }
    case (.unresolved, .unresolved): return display == other.display
    default: return false
    }
  }

  /// The items of a list, or the value itself as a one-item list (CloudFormation accepts
  /// a single value where a list is expected in a few places, such as `Action`).
  public var items: [EvaluatedNode] { list ?? [self] }

  /// A list's items when every one is a known string.
  public var strings: [String]? { list?.allStrings }

  /// The key/value pairs of a CloudFormation `[{Key: k, Value: v}]` list (tags,
  /// target group and load balancer attributes), keyed by `Key`.
  public var keyValuePairs: [String: EvaluatedNode] {
    var pairs: [String: EvaluatedNode] = [:]
    for item in list ?? [] {
      guard let key = item["Key"]?.string, let value = item["Value"] else { continue }
      pairs[key] = value
    }
    return pairs
  }
}

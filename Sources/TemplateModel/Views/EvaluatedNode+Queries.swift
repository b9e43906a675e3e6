extension EvaluatedNode {
  /// Whether this value refers to resource `logicalID` anywhere inside it (`!Ref X`,
  /// `!GetAtt X.Attr`, `${X.Name}` inside an `Fn::Sub`, either branch of an undecided `Fn::If`).
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

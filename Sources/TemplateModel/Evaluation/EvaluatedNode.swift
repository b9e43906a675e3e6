import Diagnostics

/// A template value after evaluation for one config env: parameters bound, conditions
/// decided, `Fn::If` and `AWS::NoValue` resolved, and `Fn::Sub`/`Fn::Join`/`Fn::Select`/
/// `Fn::FindInMap`/... computed where their inputs are known. What only exists at deploy
/// time stays `.unresolved`, with what it is, so a rule can say "unresolved" instead of
/// guessing. `location` is where the value (or the expression that produced it) is
/// written in the template.
public struct EvaluatedNode: Hashable, Sendable {
  public var value: EvaluatedValue
  public var location: SourceLocation

  public init(_ value: EvaluatedValue, at location: SourceLocation) {
    self.value = value
    self.location = location
  }

  public var map: EvaluatedMap? { if case .map(let map) = value { map } else { nil } }
  public var list: [EvaluatedNode]? { if case .list(let items) = value { items } else { nil } }
  public var scalar: Scalar? { if case .scalar(let scalar) = value { scalar } else { nil } }
  public var unresolved: Unresolved? { if case .unresolved(let what) = value { what } else { nil } }

  /// The text of a known scalar (numbers and booleans as written).
  public var string: String? {
    guard let scalar, scalar.kind != .null else { return nil }
    return scalar.text
  }

  /// A known integer (`8501` and `"8501"` alike).
  public var int: Int? { scalar?.integer }
  /// A known number.
  public var number: Double? { scalar?.number }
  /// A known boolean (`true`, `"true"`, `True`).
  public var bool: Bool? { scalar?.boolean }

  public subscript(key: String) -> EvaluatedNode? { map?[key] }

  /// The resource this value references by `Ref` or `Fn::GetAtt` (any attribute), if it is
  /// such a reference.
  public var referencedResource: String? {
    switch unresolved {
    case .resource(let id): id
    case .attribute(let id, _): id
    default: nil
    }
  }

  /// The text of a string whose parts may be known only at deploy time (`Fn::Sub`,
  /// `Fn::Join`), each unknown part replaced by `placeholder`: `"arn:?:sns:?:?:ops"` for
  /// `!Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:ops"`. The text of
  /// a known scalar as it is; nil for anything else.
  public func text(unknownPartsAs placeholder: String) -> String? {
    if let text = string { return text }
    guard case .concatenation(let parts)? = unresolved else { return nil }
    return parts.map { $0.string ?? placeholder }.joined()
  }

  /// A short rendering for messages: `8501`, `!Ref ALBSecurityGroup`,
  /// `!GetAtt Repo.RepositoryUri`, `${Repo.RepositoryUri}:${ImageTag}`.
  public var display: String {
    switch value {
    case .scalar(let scalar): scalar.kind == .null ? "null" : scalar.text
    case .list(let items): "[" + items.map(\.display).joined(separator: ", ") + "]"
    case .map(let map): "{" + map.entries.map { "\($0.key): \($0.value.display)" }.joined(separator: ", ") + "}"
    case .unresolved(let what): what.display
    }
  }
}

/// An evaluated mapping; keys whose value was `AWS::NoValue` are gone.
public struct EvaluatedMap: Hashable, Sendable {
  public struct Entry: Hashable, Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: EvaluatedNode
  }

  public private(set) var entries: [Entry]

  public init(_ entries: [Entry]) { self.entries = entries }

  public subscript(key: String) -> EvaluatedNode? {
    entries.first { $0.key == key }?.value
  }

  public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
  public var keys: [String] { entries.map(\.key) }
  public var isEmpty: Bool { entries.isEmpty }
}

/// Held in place, not boxed: `Unresolved` is boxed itself and lists and mappings are
/// arrays, so no case needs `indirect`; that saves one allocation per evaluated node.
public enum EvaluatedValue: Hashable, Sendable {
  case scalar(Scalar)
  case list([EvaluatedNode])
  case map(EvaluatedMap)
  case unresolved(Unresolved)
}

extension Unresolved {
  /// How the value reads inside a string built by `Fn::Sub`: the variable as written
  /// there (`${Repo.RepositoryUri}`, `${Cluster}`, `${AWS::AccountId}`), not a
  /// short-form call (`${!GetAtt ...}` would read as Fn::Sub's `${!Literal}` escape).
  var subVariable: String {
    switch self {
    case .resource(let id): "${\(id)}"
    case .attribute(let id, let name): "${\(id).\(name)}"
    case .pseudo(let name): "${\(name)}"
    default: "${\(display)}"
    }
  }
}

extension EvaluatedNode {
  /// Whether the value is longer than `limit`: the UTF-8 bytes of its strings plus 16
  /// per list, mapping or unresolved part. Stops as soon as the limit is passed, so the
  /// cost is at most proportional to `limit` even when parts are shared many times.
  public func exceeds(_ limit: Int) -> Bool {
    var budget = limit
    var pending: [EvaluatedNode] = [self]
    while let node = pending.popLast() {
      switch node.value {
      case .scalar(let scalar): budget -= scalar.text.utf8.count
      case .list(let items):
        budget -= 16
        pending += items
      case .map(let map):
        budget -= 16
        for entry in map.entries {
          budget -= entry.key.utf8.count
          pending.append(entry.value)
        }
      case .unresolved(let what):
        budget -= 16
        switch what {
        case .concatenation(let parts): pending += parts
        case .conditional(_, let then, let otherwise): pending += [then, otherwise].compactMap { $0 }
        case .expression(let text), .importValue(let text): budget -= text.utf8.count
        default: break
        }
      }
      if budget < 0 { return true }
    }
    return false
  }
}

/// What a value is when it is not known before deploy.
public indirect enum Unresolved: Hashable, Sendable {
  /// `Ref` to a resource: its physical ID.
  case resource(String)
  /// `Fn::GetAtt` (or `${Res.Attr}`): a resource attribute.
  case attribute(String, String)
  /// A parameter with no value in this env.
  case parameter(String)
  /// A value the deploy script computes when it runs (`$(git rev-parse --short HEAD)`).
  case deployValue(parameter: String, expression: String)
  /// A pseudo parameter not known statically (`AWS::AccountId`, `AWS::StackId`, ...).
  case pseudo(String)
  /// `Fn::GetAZs`: the region's Availability Zones.
  case availabilityZones(region: String?)
  /// `!Select [index, !GetAZs ...]`: one Availability Zone, distinct per index.
  case availabilityZone(region: String?, index: Int)
  /// `Fn::ImportValue` of another stack's export.
  case importValue(String)
  /// `Fn::If` on a condition this env cannot decide.
  case conditional(condition: String, then: EvaluatedNode?, otherwise: EvaluatedNode?)
  /// A string built from known and unknown parts (`Fn::Sub`, `Fn::Join`).
  case concatenation([EvaluatedNode])
  /// Anything else, as written.
  case expression(String)

  public var display: String {
    switch self {
    case .resource(let id): "!Ref \(id)"
    case .attribute(let id, let name): "!GetAtt \(id).\(name)"
    case .parameter(let name): "!Ref \(name) (no value)"
    case .deployValue(let name, let expression): "\(name)=\(expression)"
    case .pseudo(let name): name
    case .availabilityZones(let region): "!GetAZs \(region ?? "")"
    case .availabilityZone(let region, let index): "AZ #\(index) of \(region ?? "the region")"
    case .importValue(let name): "!ImportValue \(name)"
    case .conditional(let condition, let then, let otherwise):
      "!If [\(condition), \(then?.display ?? "AWS::NoValue"), \(otherwise?.display ?? "AWS::NoValue")]"
    case .concatenation(let parts):
      parts.map { part in part.string ?? part.unresolved.map(\.subVariable) ?? "${\(part.display)}" }.joined()
    case .expression(let text): text
    }
  }
}

/// Whether two evaluated values are the same at deploy time, as far as the files show:
/// `EvaluatedNode.compare(with:)`.
public enum ValueComparison: Sendable, Hashable {
  /// The same value wherever each is written: known scalars with the same text
  /// (`8501` and `"8501"`), or symbolic values made of the same parts
  /// (`!Sub "service/${Cluster}/${Service.Name}"` and
  /// `!Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]`).
  case same
  /// Different whatever deploy time fills in: known scalars with different texts, known
  /// text no filling can line up (`service/a/${S}` and `service/b/${S}`; `ecs` and
  /// `dynamodb`), a list against a string, lists of different lengths.
  case different
  /// Parts only known at deploy time could make them equal or not
  /// (`service/${Cluster}/${Service.Name}` and `service/prod-cluster/${Service.Name}`).
  case undecided

  /// The longest value `EvaluatedNode.compare(with:)` compares, as `EvaluatedNode.exceeds(_:)`
  /// counts (UTF-8 bytes, 16 per list, mapping or symbolic part): longer than the
  /// identifiers AWS accepts (a scalable target's resource ID is at most 1,600
  /// characters, "RegisterScalableTarget",
  /// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html),
  /// and short enough that the branches of two `Fn::If` trees compare pairwise quickly.
  public static let maximumLength = 4096

  /// The comparison of two wholes from that of their parts (list items, mapping
  /// entries, the properties that together name something): different when any part
  /// is, the same when every part is, otherwise undecided.
  public static func all(_ parts: some Sequence<ValueComparison>) -> ValueComparison {
    var result = ValueComparison.same
    for part in parts {
      if part == .different { return .different }
      if part == .undecided { result = .undecided }
    }
    return result
  }

  /// The comparison of a value that is one of several alternatives (the branches of an
  /// `Fn::If` this env cannot decide): the same (different) when every alternative is,
  /// otherwise undecided.
  public static func either(_ alternatives: some Sequence<ValueComparison>) -> ValueComparison {
    var result: ValueComparison?
    for alternative in alternatives {
      guard result == nil || result == alternative else { return .undecided }
      result = alternative
    }
    return result ?? .undecided
  }
}

extension EvaluatedNode {
  /// Compares two values wherever each is written (locations do not count):
  /// - known scalars: the same text (null only equals null);
  /// - strings with symbolic parts (`Fn::Sub`, `Fn::Join`, `!Ref`, `!GetAtt`, a parameter
  ///   without a value, ...): by `TextPattern`, each symbolic part a hole that may be any
  ///   text; the same parts are the same value, known text that cannot line up is
  ///   different, anything else undecided;
  /// - lists item by item and mappings key by key (`ValueComparison.all`); a list or a
  ///   mapping against a string or known scalar is different, against another symbolic
  ///   value (a list parameter without a value) undecided;
  /// - an `Fn::If` this env cannot decide: by its branches (`ValueComparison.either`),
  ///   a branch of `AWS::NoValue` being no value at all; two such written alike are the same;
  /// - a value longer than `ValueComparison.maximumLength`: undecided, so that comparing
  ///   hostile values (a megabyte, a tree of `Fn::If`) stays cheap.
  public func compare(with other: EvaluatedNode) -> ValueComparison {
    guard !exceeds(ValueComparison.maximumLength), !other.exceeds(ValueComparison.maximumLength) else { return .undecided }
    return Self.compare(self, other)
  }

  /// `compare(with:)` where nil is no value (an `Fn::If` branch of `AWS::NoValue`).
  private static func compare(_ one: EvaluatedNode?, _ other: EvaluatedNode?) -> ValueComparison {
    guard let one, let other else {
      guard let value = one ?? other else { return .same }
      guard case .unresolved(.conditional(_, let then, let otherwise)) = value.value else { return .different }
      return .either([then, otherwise].map { compare($0, nil) })
    }
    if case .unresolved(.conditional(_, let then, let otherwise)) = one.value {
      if case .unresolved(.conditional) = other.value, one.display == other.display { return .same }
      return .either([then, otherwise].map { compare($0, other) })
    }
    if case .unresolved(.conditional(_, let then, let otherwise)) = other.value {
      return .either([then, otherwise].map { compare(one, $0) })
    }
    switch (one.value, other.value) {
    case (.list(let items), .list(let others)):
      return items.count == others.count ? .all(zip(items, others).lazy.map { $0.compare(with: $1) }) : .different
    case (.map(let map), .map(let otherMap)):
      guard Set(map.keys) == Set(otherMap.keys) else { return .different }
      return .all(map.entries.lazy.map { entry in otherMap[entry.key].map(entry.value.compare(with:)) ?? .different })
    case (.list, .scalar), (.map, .scalar), (.scalar, .list), (.scalar, .map), (.list, .map), (.map, .list),
      (.list, .unresolved(.concatenation)), (.map, .unresolved(.concatenation)),
      (.unresolved(.concatenation), .list), (.unresolved(.concatenation), .map):
      return .different
    case (.list, _), (.map, _), (_, .list), (_, .map):
      return .undecided
    default:
      switch (TextPattern(one), TextPattern(other)) {
      case (let pattern?, let otherPattern?): return pattern.compare(with: otherPattern)
      // Null against null, or against a known scalar; a symbolic value may be either.
      case (nil, nil): return .same
      default: return one.unresolved == nil && other.unresolved == nil ? .different : .undecided
      }
    }
  }
}

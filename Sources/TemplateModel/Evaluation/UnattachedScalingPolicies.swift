/// The scaling policies of a template that name their target by value (no
/// `ScalingTargetId`) and that no scalable target of the template decidedly has
/// (`ScalingPolicyAttachment` is `.same` for none): the only ones that may scale a target
/// the files cannot attach them to. A policy attached to one target is not another's: a
/// scalable target is identified by namespace, resource ID and dimension
/// ("PutScalingPolicy", https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html),
/// and a second `ScalableTarget` resource for the same three fails to create
/// ("table/...|dynamodb:table:WriteCapacityUnits|dynamodb already exists",
/// https://github.com/medikoo/serverless-plugin-dynamodb-autoscaling/issues/11).
///
/// Grouped by `Key` so that a target's lookup visits only the policies whose known text
/// does not already rule it out: with ECS resource IDs (`service/CLUSTER/SERVICE`) ending
/// in known service names, a target meets the few policies of its own service, and a
/// template of thousands of targets and unattached policies stays linear.
struct UnattachedScalingPolicies: Sendable {
  /// What a scalable target or policy must share with another to have its values:
  /// `kind`, `ServiceNamespace` and `ScalableDimension` when both are known strings
  /// (`ecs ecs:service:DesiredCount`); `component`, the resource ID's text after its last
  /// `/` (the whole ID when it has none) when that text is known. Nil: symbolic, which
  /// may be anything.
  struct Key: Hashable, Sendable {
    var kind: String?
    var component: String?

    /// The key of `resource`'s values, with `knownNames` substituted.
    init(_ resource: EvaluatedResource, knownNames: [Unresolved: String]) {
      if let namespace = resource["ServiceNamespace"]?.string, let dimension = resource["ScalableDimension"]?.string {
        kind = namespace + " " + dimension
      }
      component = resource["ResourceId"].flatMap { TextPattern($0.substituting(knownNames))?.lastComponent }
        .map { String(decoding: $0, as: UTF8.self) }
    }

    init(kind: String?, component: String?) {
      self.kind = kind
      self.component = component
    }
  }

  /// Offsets in `resources` by key, each list in document order.
  private var groups: [Key: [Int]] = [:]
  /// Offsets by kind alone, each list in document order.
  private var kinds: [String?: [Int]] = [:]
  /// Every offset, in document order.
  private var all: [Int] = []

  init() {}

  /// The policies at `offsets` (in document order).
  init(_ offsets: [Int], in resources: [EvaluatedResource], knownNames: [Unresolved: String]) {
    all = offsets
    for offset in offsets {
      let key = Key(resources[offset], knownNames: knownNames)
      groups[key, default: []].append(offset)
      kinds[key.kind, default: []].append(offset)
    }
  }

  var isEmpty: Bool { all.isEmpty }

  /// The offsets of the policies that may name a target whose key is `key`: of its kind
  /// and component, or symbolic in either. Each group starts with the policies after
  /// `offset` in the document (a policy is usually written next to its target), then goes
  /// on from the top. Lazy: nothing is copied.
  func candidates(for key: Key, after offset: Int) -> ScalingPolicyCandidates {
    let lists: [[Int]]
    switch (key.kind, key.component) {
    case (nil, _):
      lists = [all]
    case (let kind?, nil):
      lists = [kinds[kind] ?? [], kinds[nil] ?? []]
    case (let kind?, let component?):
      lists = [Key(kind: kind, component: component), Key(kind: kind, component: nil), Key(kind: nil, component: component), Key(kind: nil, component: nil)]
        .map { groups[$0] ?? [] }
    }
    return ScalingPolicyCandidates(lists: lists, after: offset)
  }
}

/// How a scaling policy that names its scalable target by value (`ServiceNamespace`,
/// `ScalableDimension` and `ResourceId`, without `ScalingTargetId`) compares with one
/// scalable target: attached when all three are the same as the target's, not attached
/// when one is different (or absent on either side), undecided otherwise, with the
/// properties whose values only deploy time can compare (`EvaluatedNode.compare(with:)`).
/// The three identify a scalable target ("PutScalingPolicy",
/// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html).
/// Reference: "AWS::ApplicationAutoScaling::ScalingPolicy",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalingpolicy.html
public struct ScalingPolicyAttachment: Sendable {
  /// The properties a policy names its target by when it has no `ScalingTargetId`.
  public static let properties = ["ServiceNamespace", "ScalableDimension", "ResourceId"]

  public var policy: EvaluatedResource
  public var target: EvaluatedResource
  /// `.same`: the policy scales the target; `.different`: it does not; `.undecided`: the
  /// files cannot tell.
  public var comparison: ValueComparison
  /// For an undecided attachment, the properties (of `properties`, in that order) whose
  /// policy and target values could not be compared (`["ResourceId"]`); empty otherwise.
  public var undecidedProperties: [String]

  /// Compares the three properties, with the symbolic parts `knownValues` names
  /// replaced by their texts on both sides (`EvaluatedNode.substituting(_:)`; the
  /// template's `!Ref Cluster` is its `ClusterName`, when known).
  public init(policy: EvaluatedResource, target: EvaluatedResource, knownValues: [Unresolved: String] = [:]) {
    self.policy = policy
    self.target = target
    (comparison, undecidedProperties) = Self.compare(policy, target, knownValues: knownValues)
  }

  /// `comparison` and `undecidedProperties` without keeping the resources (for lookups
  /// that only filter).
  static func compare(_ policy: EvaluatedResource, _ target: EvaluatedResource, knownValues: [Unresolved: String]) -> (ValueComparison, [String]) {
    var undecided: [String] = []
    for key in properties {
      guard let own = policy[key], let targets = target[key] else { return (.different, []) }
      // A value too long to compare is not substituted either (`ValueComparison.maximumLength`).
      let tooLong = own.exceeds(ValueComparison.maximumLength) || targets.exceeds(ValueComparison.maximumLength)
      switch tooLong ? .undecided : own.substituting(knownValues).compare(with: targets.substituting(knownValues)) {
      case .different: return (.different, [])
      case .undecided: undecided.append(key)
      case .same: continue
      }
    }
    return undecided.isEmpty ? (.same, []) : (.undecided, undecided)
  }
}

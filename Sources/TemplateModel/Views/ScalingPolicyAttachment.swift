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
    var outcomes: [ValueComparison] = []
    var undecided: [String] = []
    for key in Self.properties {
      guard let own = policy[key], let targets = target[key] else {
        outcomes = [.different]
        break
      }
      let outcome = own.substituting(knownValues).compare(with: targets.substituting(knownValues))
      outcomes.append(outcome)
      if outcome == .different { break }
      if outcome == .undecided { undecided.append(key) }
    }
    comparison = .all(outcomes)
    undecidedProperties = comparison == .undecided ? undecided : []
  }
}

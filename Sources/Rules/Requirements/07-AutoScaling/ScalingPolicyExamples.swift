/// Edits of this repository's template for the auto-scaling rules' examples and tests:
/// the CPU policy naming its scalable target by value.
extension RuleExample.Edit {
  /// This repository's CPU policy names its scalable target by `ServiceNamespace`,
  /// `ScalableDimension` and `ResourceId` instead of `ScalingTargetId` (the target's own
  /// `ResourceId` is `!Sub "service/${Cluster}/${Service.Name}"`).
  static func policyNamingItsTarget(resourceID: String, dimension: String = "ecs:service:DesiredCount") -> RuleExample.Edit {
    .edit(.template, "      ScalingTargetId: !Ref ScalableTarget\n", "      ServiceNamespace: ecs\n      ScalableDimension: \(dimension)\n      ResourceId: \(resourceID)\n")
  }

  /// The cluster's name as the template gives it (`ClusterName`): the same value, attached.
  static let policyNamingItsTargetByClusterName = policyNamingItsTarget(resourceID: #"!Sub "service/vibejudge-cluster-${Environment}/${Service.Name}""#)
  /// The target's values written as an `Fn::Join`: the same values, attached.
  static let policyNamingItsTargetByJoin = policyNamingItsTarget(resourceID: "!Join [/, [service, !Ref Cluster, !GetAtt Service.Name]]")
  /// A cluster name another stack exports: only deploy time shows whether it is this
  /// template's cluster, so the policy may be attached, or not.
  static let policyNamingItsTargetByImportedClusterName = policyNamingItsTarget(resourceID: "!Join [/, [service, !ImportValue vibejudge-cluster-name, !GetAtt Service.Name]]")
  /// A scalable dimension other than the target's: decidedly not attached.
  static let policyNamingAnotherDimension = policyNamingItsTarget(resourceID: #"!Sub "service/vibejudge-cluster-${Environment}/${Service.Name}""#, dimension: "ecs:service:DesiredCapacity")
}

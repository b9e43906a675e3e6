extension RuleCatalog {
  /// Rules of requirement group 7.
  static let autoScaling: [any Rule] = [
    ScalingCapacityRule(),
    CPUTargetTrackingRule(),
    ScalingCooldownRule(),
    ScalingActivityVisibleRule(),
  ]
}

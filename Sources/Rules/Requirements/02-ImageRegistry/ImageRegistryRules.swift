extension RuleCatalog {
  /// Rules of requirement group 2.
  static let imageRegistry: [any Rule] = [
    ECRScanOnPushRule(),
    ECRLifecycleKeepsRecentRule(),
    ECRImageDigestRule(),
    ExecutionRoleECRPullRule(),
    ECRTagMutabilityRule(),
  ]
}

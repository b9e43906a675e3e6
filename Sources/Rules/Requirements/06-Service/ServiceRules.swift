extension RuleCatalog {
  /// Rules of requirement group 6.
  static let service: [any Rule] = [
    ServiceDesiredCountRule(),
    TaskReplacementRule(),
    DeploymentConfigurationRule(),
    HealthCheckGracePeriodRule(),
    ServiceTargetRegistrationRule(),
  ]
}

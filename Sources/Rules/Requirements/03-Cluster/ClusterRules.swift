extension RuleCatalog {
  /// Rules of requirement group 3.
  static let cluster: [any Rule] = [
    ClusterCapacityProvidersRule(),
    ServicePrefersSpotRule(),
    ServiceBaseOnFargateRule(),
    ContainerInsightsRule(),
    ServiceMultiAZRule(),
  ]
}

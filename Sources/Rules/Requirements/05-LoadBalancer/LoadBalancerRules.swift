extension RuleCatalog {
  /// Rules of requirement group 5.
  static let loadBalancer: [any Rule] = [
    ALBListenersRule(),
    HTTPRedirectRule(),
    ALBForwardsToServiceRule(),
    StreamlitStickinessRule(),
    TargetGroupHealthCheckRule(),
    ALBDNSOutputRule(),
  ]
}

extension RuleCatalog {
  /// Rules of requirement group 12.
  static let cost: [any Rule] = [
    ECRImageCountBoundedRule(),
    LoadBalancerTypeRule(),
    InternetGatewayNoNATRule(),
  ]
}

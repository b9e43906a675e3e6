extension RuleCatalog {
  /// Rules of requirement group 12.
  static let cost: [any Rule] = [
    BaselineMonthlyCostRule(),
    ECRImageCountBoundedRule(),
    MaximumMonthlyCostRule(),
    LoadBalancerTypeRule(),
    InternetGatewayNoNATRule(),
  ]
}

extension RuleCatalog {
  /// Rules of requirement group 9.
  static let monitoring: [any Rule] = [
    LogRetentionRule(),
    ServiceMetricsRule(),
    LoadBalancerMetricsRule(),
    NoHealthyHostAlarmRule(),
    ResponseTimeAlarmRule(),
  ]
}

extension RuleCatalog {
  /// Rules of requirement group 8.
  static let network: [any Rule] = [
    ALBIngressRule(),
    TaskIngressRule(),
    TaskEgressRule(),
    TasksInPublicSubnetsRule(),
    ALBPublicMultiAZRule(),
  ]
}

extension RuleCatalog {
  /// Rules of requirement group 10.
  static let infrastructureAsCode: [any Rule] = [
  ]
}

extension RuleCatalog {
  /// Rules of requirement group 11.
  static let deployScript: [any Rule] = [
  ]
}

extension RuleCatalog {
  /// Rules of requirement group 8.
  static let network: [any Rule] = [
  ]
}

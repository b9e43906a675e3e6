extension RuleCatalog {
  /// Rules of requirement group 1.
  static let containerImage: [any Rule] = [
  ]
}

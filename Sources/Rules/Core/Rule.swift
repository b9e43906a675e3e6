/// A check of one or more requirements. A rule is a small value: its `definition` says
/// what it decides and why; `evaluate` is a pure function of the project (and, for
/// per-env rules, of one config env's evaluated template).
public protocol Rule: Sendable {
  static var definition: RuleDefinition { get }
  func evaluate(_ context: RuleContext) -> Verdict
}

extension Rule {
  public var definition: RuleDefinition { Self.definition }
}

import Diagnostics

/// One config env's view of the template: its deploy configuration, the parameter
/// values, and the outcome of every condition. Every finding names the scenario it
/// came from, so the matrix can say "fails in prod, passes in dev".
public struct Scenario: Sendable {
  /// The config env (`dev`, `prod`); the pseudo-env `template` when no samconfig exists.
  public var environment: String
  public var configuration: DeployConfiguration
  public var parameters: [String: ParameterBinding]
  /// Condition name → outcome; nil when it depends on a value unknown before deploy.
  public var conditions: [String: Bool?]

  /// "Environment=prod, DomainName=(default)": the parameter values, for messages.
  public var parameterSummary: String {
    parameters.keys.sorted().map { name in
      switch parameters[name]!.value {
      case .text(let text): "\(name)=\(text)"
      case .symbolic(let expression): "\(name)=\(expression)"
      case .missing: "\(name)=(no value)"
      }
    }.joined(separator: ", ")
  }
}

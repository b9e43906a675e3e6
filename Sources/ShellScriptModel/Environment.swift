/// What a static evaluation knows before the script starts: its arguments and variables.
///
/// Rules evaluate a deploy script once per config env, e.g.
/// `script.evaluate(Environment(arguments: ["prod"]))` binds `$1` to `prod` and `$#` to 1.
/// With `arguments == nil` every positional parameter is unknown (symbolic).
public struct Environment: Sendable, Hashable {
  /// `$1`, `$2`, ...; nil when unknown.
  public var arguments: [String]?
  /// Variables set before the script runs (exported environment).
  public var variables: [String: String]
  /// When true, a variable neither assigned by the script nor listed in `variables` is
  /// unset (so `${AWS_REGION:-us-east-1}` resolves to the default); when false it is
  /// unknown and resolves symbolically.
  public var unlistedVariablesAreUnset: Bool
  /// `$0`, when known.
  public var scriptName: String?

  public init(arguments: [String]? = nil, variables: [String: String] = [:], unlistedVariablesAreUnset: Bool = false, scriptName: String? = nil) {
    self.arguments = arguments
    self.variables = variables
    self.unlistedVariablesAreUnset = unlistedVariablesAreUnset
    self.scriptName = scriptName
  }

  /// Nothing known: arguments and environment variables are all symbolic.
  public static let unknown = Environment()
}

import Diagnostics

/// The value a template parameter has in one config env, and where it comes from.
public struct ParameterBinding: Hashable, Sendable {
  public enum Value: Hashable, Sendable {
    case text(String)
    /// A value the deploy script computes when it runs.
    case symbolic(String)
    /// No Default and not passed: a new stack fails to create, an existing stack keeps
    /// its previous value (CloudFormation's "UsePreviousValue").
    case missing
  }

  public var name: String
  public var value: Value
  /// Where the value is set (nil when missing).
  public var origin: SettingOrigin?

  /// Binds every parameter of `template` for `configuration`: the parameter's `Default`,
  /// replaced by an override of the deploy configuration (samconfig's list, or the deploy
  /// script's own list, which replaces samconfig's).
  public static func bind(_ template: Template, _ configuration: DeployConfiguration) -> [String: ParameterBinding] {
    var overrides: [String: DeployConfiguration.Override] = [:]
    for override in configuration.parameterOverrides { overrides[override.key] = override }
    var bindings: [String: ParameterBinding] = [:]
    for parameter in template.parameters {
      if let override = overrides[parameter.name] {
        let value: Value
        switch override.value {
        case .literal(let text): value = .text(text)
        case .symbolic(let expression): value = .symbolic(expression)
        }
        bindings[parameter.name] = ParameterBinding(name: parameter.name, value: value, origin: override.origin)
      } else if let node = parameter.defaultValue, let text = node.text ?? node.list.map({ $0.compactMap(\.text).joined(separator: ",") }) {
        bindings[parameter.name] = ParameterBinding(name: parameter.name, value: .text(text), origin: .templateDefault(node.location))
      } else {
        bindings[parameter.name] = ParameterBinding(name: parameter.name, value: .missing, origin: nil)
      }
    }
    return bindings
  }
}

/// A fault of one config env that the template and deploy configuration make certain
/// (a missing parameter value, a value outside AllowedValues, a missing mapping key):
/// the deploy of that env fails, or does something other than intended. One kind,
/// `uncheckedConstraint`, is not a fault but a constraint the files cannot decide.
public struct EvaluationProblem: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case missingParameter, disallowedValue, unknownParameter, missingMappingKey, invalidFunction
    /// A parameter value that could not be checked against its `AllowedPattern` (a pattern
    /// that does not compile, or one outside what `AllowedPatterns` matches).
    case uncheckedConstraint
    /// A `Ref`, `Fn::GetAtt` or `DependsOn` to a resource this env's conditions remove.
    case removedResourceReference
  }
  public var kind: Kind
  public var message: String
  public var location: SourceLocation
  public var related: [SourceLocation]
}

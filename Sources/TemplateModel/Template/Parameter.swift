import Diagnostics

/// A template parameter: its declared type, default and constraints.
/// Reference: "Parameters", AWS CloudFormation User Guide,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
public struct Parameter: Hashable, Sendable {
  public var name: String
  /// Where the parameter's name is written.
  public var location: SourceLocation
  /// `String`, `Number`, `List<Number>`, `CommaDelimitedList`, an `AWS::...` type, or an
  /// SSM parameter type.
  public var type: Located<String>
  /// The `Default`, as written (a scalar, or for list types possibly a sequence).
  public var defaultValue: TemplateNode?
  public var allowedValues: [TemplateNode]
  public var allowedPattern: Located<String>?
  public var minValue: Double?
  public var maxValue: Double?
  public var minLength: Int?
  public var maxLength: Int?
  public var noEcho: Bool
  public var description: String?

  /// `List<...>` and `CommaDelimitedList` parameters hold lists: `Ref` gives a list.
  public var isList: Bool {
    type.value == "CommaDelimitedList" || type.value.hasPrefix("List<")
      || type.value.hasPrefix("AWS::SSM::Parameter::Value<List<")
  }

  /// `AWS::SSM::Parameter::Value<...>` parameters: the value given is the name of a
  /// Systems Manager parameter, whose own value CloudFormation reads at deploy time.
  public var isSystemsManagerValue: Bool { type.value.hasPrefix("AWS::SSM::Parameter::Value<") }

  /// `Number` and `List<Number>` parameters.
  public var isNumeric: Bool { type.value == "Number" || type.value == "List<Number>" }
}

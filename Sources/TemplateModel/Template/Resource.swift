import Diagnostics

/// One resource of the `Resources` section, with the attributes CloudFormation defines.
/// Reference: "Resources", AWS CloudFormation User Guide,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html
public struct Resource: Hashable, Sendable {
  /// The logical ID (the key under `Resources`).
  public var logicalID: String
  /// Where the logical ID is written.
  public var location: SourceLocation
  /// Where the resource's own mapping starts (its first attribute, usually `Type`).
  public var bodyLocation: SourceLocation
  /// `AWS::ECS::Service`, `AWS::Serverless::Function`, a `Custom::` type, ...
  public var type: Located<String>
  /// The `Properties` mapping (after SAM `Globals` are merged in for `AWS::Serverless::*`);
  /// empty when `Properties` is absent or is itself an intrinsic function (`Fn::If`).
  public var properties: TemplateMap
  /// `Properties` as written: a mapping, an intrinsic function, or nil when absent.
  public var propertiesNode: TemplateNode?
  /// Where `Properties` is written (the resource's own location if it has none).
  public var propertiesLocation: SourceLocation
  public var condition: Located<String>?
  public var dependsOn: [Located<String>]
  public var deletionPolicy: TemplateNode?
  public var updateReplacePolicy: TemplateNode?
  public var metadata: TemplateNode?
  /// SAM's `IgnoreGlobals` attribute: `"*"` or a list of property names.
  public var ignoreGlobals: TemplateNode?

  /// The property `name`, as written.
  public subscript(property name: String) -> TemplateNode? { properties[name] }
}

/// One output of the `Outputs` section.
public struct Output: Hashable, Sendable {
  public var name: String
  public var location: SourceLocation
  public var value: TemplateNode
  public var export: TemplateNode?
  public var condition: Located<String>?
  public var description: String?
}

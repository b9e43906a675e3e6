/// What the ECS services of a template name in one property (`Cluster`,
/// `TaskDefinition`): `EvaluatedTemplate.serviceClusters`, `serviceTaskDefinitions`.
public struct ServiceReferences: Sendable {
  /// The resources of the expected type in this template that a service names, each
  /// once, in the order the services first name them.
  public var inTemplate: [EvaluatedResource]
  /// The services whose property names no resource of the expected type in this template.
  public var outside: [OutsideReference]

  /// True when no service names anything in the property and the template has none of
  /// the type (or has no service and none of the type).
  public var isEmpty: Bool { inTemplate.isEmpty && outside.isEmpty }
}

/// A service property that names no resource of the expected type in this template: a
/// name or ARN, a parameter, `Fn::ImportValue`, a nested stack's output
/// (`!GetAtt Stack.Outputs.Name`), a resource of another Type, or nothing (the property
/// is absent). Whatever it names is configured outside these files.
public struct OutsideReference: Sendable {
  public var service: EvaluatedResource
  /// The property's name (`Cluster`, `TaskDefinition`).
  public var property: String
  /// The property's value; nil when the service does not set it.
  public var value: EvaluatedNode?
}

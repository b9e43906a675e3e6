import Diagnostics

/// A template evaluated for one config env (`Scenario`): resources whose condition is
/// false are removed, every property evaluated.
public struct EvaluatedTemplate: Sendable {
  public var template: Template
  public var scenario: Scenario
  /// Resources present in this env (condition true, or undecidable: see `isConditional`).
  public var resources: [EvaluatedResource] { didSet { index = ResourceIndex(resources) } }
  /// Resources whose condition is false in this env, with the condition's name.
  public var removedResources: [(resource: Resource, condition: String)]
  public var outputs: [EvaluatedOutput]
  /// Faults of this env found while binding and evaluating.
  public var problems: [EvaluationProblem]
  /// Lookups by logical ID, by type and by relation (`ResourceIndex`), kept in step with
  /// `resources`, so that a rule asking about each of n resources costs n lookups, not n
  /// scans.
  private(set) var index: ResourceIndex

  init(
    template: Template, scenario: Scenario, resources: [EvaluatedResource],
    removedResources: [(resource: Resource, condition: String)], outputs: [EvaluatedOutput], problems: [EvaluationProblem]
  ) {
    self.template = template
    self.scenario = scenario
    self.resources = resources
    self.removedResources = removedResources
    self.outputs = outputs
    self.problems = problems
    index = ResourceIndex(resources)
  }

  public func resource(_ logicalID: String) -> EvaluatedResource? {
    index.offsets[logicalID].map { resources[$0] }
  }

  /// The resources of `type` (`AWS::ECS::Service`), in document order.
  public func resources(ofType type: String) -> [EvaluatedResource] {
    resources(at: index.offsetsByType[type])
  }

  /// The resources at offsets of `index` (nil: none).
  func resources(at offsets: [Int]?) -> [EvaluatedResource] {
    (offsets ?? []).map { resources[$0] }
  }

  public func output(_ name: String) -> EvaluatedOutput? { outputs.first { $0.name == name } }

  /// The parts of the template only known at deploy time (`Template.opaqueParts`) that
  /// exist in this env: those inside a resource whose condition is false are gone.
  public var opaqueParts: [OpaquePart] {
    template.opaqueParts.filter { part in part.resource.map { resource($0) != nil } ?? true }
  }

  /// The resource a value references (`!Ref X` or `!GetAtt X.Attr`), if present in this env.
  public func resource(referencedBy node: EvaluatedNode?) -> EvaluatedResource? {
    node?.referencedResource.flatMap { resource($0) }
  }

  /// The resource a value references when it is of `type` and the reference gives what
  /// a property taking that type takes: its `Ref`, or an `Fn::GetAtt` of one of
  /// `referenceAttributes[type]`. A property that takes a task definition, a cluster, a
  /// target group or a log group gets nothing from a resource of another Type (a misspelt
  /// Type among them, which CloudFormation rejects), nor from another attribute
  /// (`!GetAtt LogGroup.Arn` where the awslogs driver takes the group's name).
  public func resource(referencedBy node: EvaluatedNode?, ofType type: String) -> EvaluatedResource? {
    guard let found = resource(referencedBy: node), found.type == type else { return nil }
    if case .attribute(_, let attribute)? = node?.unresolved, !(Self.referenceAttributes[type] ?? []).contains(attribute) { return nil }
    return found
  }

  /// For the types rules look up by reference, the `Fn::GetAtt` attributes that give the
  /// same value as `Ref` or one the referencing properties also take: a task definition's,
  /// a target group's and a load balancer's ARN (`Ref` gives the ARN), a cluster's and a role's ARN
  /// (`Cluster` takes a name or an ARN; `TaskRoleArn` and `ExecutionRoleArn` a role's name
  /// or ARN, not its `RoleId`); none for a log group (`Ref` gives its name, `Arn` its ARN, and
  /// `awslogs-group` takes the name). Return values of `Ref` and `Fn::GetAtt` in each
  /// type's page of the CloudFormation template reference, e.g.
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html#aws-resource-logs-loggroup-return-values
  public static let referenceAttributes: [String: Set<String>] = [
    "AWS::ECS::TaskDefinition": ["TaskDefinitionArn"],
    "AWS::ECS::Cluster": ["Arn"],
    "AWS::IAM::Role": ["Arn"],
    "AWS::ElasticLoadBalancingV2::TargetGroup": ["TargetGroupArn"],
    "AWS::ElasticLoadBalancingV2::LoadBalancer": ["LoadBalancerArn"],
    "AWS::Logs::LogGroup": [],
  ]

  /// The resource a value references (`Ref`, `Fn::GetAtt`) when this env's conditions
  /// remove it, with the condition: CloudFormation rejects the template in this env
  /// (`EvaluationProblem.Kind.removedResourceReference`).
  func removedResource(referencedBy node: EvaluatedNode?) -> (resource: Resource, condition: String)? {
    guard let id = node?.referencedResource else { return nil }
    return removedResources.first { $0.resource.logicalID == id }
  }

  /// The resource and attribute when a value is an `Fn::GetAtt` of a resource of `type`
  /// whose attribute is not what a property taking `type` takes
  /// (`referenceAttributes`): `!GetAtt LogGroup.Arn` as an awslogs group,
  /// `!GetAtt TargetGroup.TargetGroupName` as a `TargetGroupArn`.
  func wrongAttributeReference(_ node: EvaluatedNode?, expected type: String) -> (resource: EvaluatedResource, attribute: String)? {
    guard case .attribute(let id, let attribute)? = node?.unresolved, let found = resource(id), found.type == type,
      let accepted = Self.referenceAttributes[type], !accepted.contains(attribute)
    else { return nil }
    return (found, attribute)
  }

  /// The resource a value references when that reference certainly gives no `type`: a
  /// Type that is `type` misspelt or no type name at all (CloudFormation rejects the
  /// template), or a `Ref` to another AWS type (its Ref value is that resource's name or
  /// ID). Nil for a `Fn::GetAtt` of another type (a nested stack's output, a custom
  /// resource's attribute may be one) and for a `Ref` to a custom resource.
  func wrongTypeReference(_ node: EvaluatedNode?, expected type: String) -> EvaluatedResource? {
    guard let referenced = resource(referencedBy: node), referenced.type != type else { return nil }
    if ResourceTypes.standing(referenced.type) == .malformed || ResourceTypes.isMisspelling(referenced.type, of: type) { return referenced }
    guard case .resource? = node?.unresolved, referenced.type.hasPrefix("AWS::"), referenced.type != "AWS::CloudFormation::CustomResource" else { return nil }
    return referenced
  }
}

/// One resource of an evaluated template.
public struct EvaluatedResource: Sendable {
  public var logicalID: String
  public var type: String
  /// Where the logical ID is written.
  public var location: SourceLocation
  public var properties: EvaluatedMap
  /// Where `Properties` is written.
  public var propertiesLocation: SourceLocation
  /// The resource's condition, if it has one.
  public var condition: String?
  /// True when the condition cannot be decided in this env (the resource may or may not exist).
  public var isConditional: Bool
  /// The resource as written.
  public var source: Resource

  public subscript(property: String) -> EvaluatedNode? { properties[property] }
}

public struct EvaluatedOutput: Sendable {
  public var name: String
  public var location: SourceLocation
  public var value: EvaluatedNode?
  public var export: EvaluatedNode?
  public var isConditional: Bool
}

extension EvaluatedTemplate {
  /// An evaluated template with no resources (for code paths that need a value).
  public static let empty: EvaluatedTemplate = {
    let configuration = DeployConfiguration(
      environment: "", stackName: nil, region: nil, profile: nil, templateFile: nil, confirmChangeset: nil,
      capabilities: [], parameterOverrides: [], droppedOverrides: [], unresolvedOverrides: [], command: nil)
    // A literal template that always loads.
    // swift-format-ignore: NeverForceUnwrap
    let template = try! Template.load(SourceText(file: "", text: "Resources: {}"))
    return TemplateEvaluator.evaluate(template, configuration: configuration)
  }()
}

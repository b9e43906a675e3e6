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

  /// The resource a value references when it is of `type`: a property that takes a task
  /// definition, a cluster or a target group gets nothing from a resource of another Type
  /// (a misspelt Type among them, which CloudFormation rejects).
  public func resource(referencedBy node: EvaluatedNode?, ofType type: String) -> EvaluatedResource? {
    resource(referencedBy: node).flatMap { $0.type == type ? $0 : nil }
  }

  /// The resource a value references when that reference certainly gives no `type`: a
  /// Type that is `type` misspelt or no type name at all (CloudFormation rejects the
  /// template), or a `Ref` to another AWS type (its Ref value is that resource's name or
  /// ID). Nil for a `Fn::GetAtt` of another type (a nested stack's output, a custom
  /// resource's attribute may be one) and for a `Ref` to a custom resource.
  public func wrongTypeReference(_ node: EvaluatedNode?, expected type: String) -> EvaluatedResource? {
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

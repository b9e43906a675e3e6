import TemplateModel

/// What a task definition's `ExecutionRoleArn` or `TaskRoleArn` names.
enum RoleReference {
  /// An `AWS::IAM::Role` of this template, by `Ref` or `!GetAtt Role.Arn`.
  case inTemplate(EvaluatedResource)
  /// Something that is certainly no role here: a resource of another Type (a misspelt one
  /// among them), another attribute (`RoleId`), or a role the env's conditions remove.
  case wrong(Finding)
  /// A role defined elsewhere: an ARN, a parameter, an import, a nested stack's output.
  case outside

  static let roleType = "AWS::IAM::Role"

  /// How `node`, the `property` of task definition `task`, names its role.
  init(_ node: EvaluatedNode, property: String, of task: String, in template: EvaluatedTemplate, inEnvironment: String) {
    if let role = template.resource(referencedBy: node, ofType: Self.roleType) {
      self = .inTemplate(role)
      return
    }
    switch template.faultyReference(node, expected: Self.roleType) {
    case nil:
      self = .outside
    case .removed(let removed, let condition):
      self = .wrong(.error("\(task)'s \(property) names \(removed.logicalID), which condition \(condition) removes\(inEnvironment): CloudFormation rejects the template here", at: node.location, related: [.init("the removed role", at: removed.location)]))
    case .wrongAttribute(let resource, let attribute):
      self = .wrong(.error("\(task)'s \(property) is \(node.display), the \(attribute) of role \(resource.logicalID), not its name or ARN (!Ref \(resource.logicalID) or !GetAtt \(resource.logicalID).Arn)", at: node.location))
    case .wrongType(let resource):
      let misspelt = ResourceTypes.isMisspelling(resource.type, of: Self.roleType) ? " (\(Self.roleType) misspelt: CloudFormation rejects the template)" : ""
      self = .wrong(.error("\(task)'s \(property) names \(resource.logicalID), whose Type is \(resource.type), not \(Self.roleType)\(misspelt)", at: node.location, related: [.init("its Type", at: resource.source.type.location)]))
    }
  }
}

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
    } else if let (removed, condition) = template.removedResource(referencedBy: node) {
      self = .wrong(.error("\(task)'s \(property) names \(removed.logicalID), which condition \(condition) removes\(inEnvironment): CloudFormation rejects the template here", at: node.location, related: [.init("the removed role", at: removed.location)]))
    } else if let (resource, attribute) = template.wrongAttributeReference(node, expected: Self.roleType) {
      self = .wrong(.error("\(task)'s \(property) is \(node.display), the \(attribute) of role \(resource.logicalID), not its name or ARN (!Ref \(resource.logicalID) or !GetAtt \(resource.logicalID).Arn)", at: node.location))
    } else if let resource = template.wrongTypeReference(node, expected: Self.roleType) {
      let misspelt = ResourceTypes.isMisspelling(resource.type, of: Self.roleType) ? " (\(Self.roleType) misspelt: CloudFormation rejects the template)" : ""
      self = .wrong(.error("\(task)'s \(property) names \(resource.logicalID), whose Type is \(resource.type), not \(Self.roleType)\(misspelt)", at: node.location, related: [.init("its Type", at: resource.source.type.location)]))
    } else {
      self = .outside
    }
  }
}

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
    guard let faulty = template.faultyReference(node, expected: Self.roleType) else {
      self = .outside
      return
    }
    self = .wrong(faulty.finding(at: node, property: property, of: task, expected: Self.roleType, noun: "role", inEnvironment: inEnvironment, path: "Resources/\(task)/Properties/\(property)"))
  }
}

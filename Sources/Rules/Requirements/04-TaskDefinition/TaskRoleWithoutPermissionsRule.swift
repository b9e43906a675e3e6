import TemplateModel

/// 4.6: the task role grants nothing (the app calls no AWS API).
struct TaskRoleWithoutPermissionsRule: Rule {
  static let definition = RuleDefinition(
    id: "task-role-no-permissions",
    requirements: ["4.6"],
    title: "Task role grants no permissions",
    rationale: "The dashboard calls no AWS API; any permission on the task role is reachable by code running in the container and only widens the blast radius.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html"],
    examples: [
      .compliant(),
      .change("task role gets S3 read", .edit(.template, "      Description: Role of the dashboard application itself - intentionally without permissions\n", "      Description: Role of the dashboard application itself - intentionally without permissions\n      ManagedPolicyArns:\n        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess\"\n")),
      .change(
        "the task role is another stack's export (its policies are in that stack)",
        .edit(.template, "TaskRoleArn: !GetAtt TaskRole.Arn", "TaskRoleArn: !ImportValue shared-task-role-arn"), expect: .needsEvidence,
        alsoFails: ["10.4"]),
      .change(
        "the task role named by its RoleId (neither its name nor its ARN)",
        .edit(.template, "TaskRoleArn: !GetAtt TaskRole.Arn", "TaskRoleArn: !GetAtt TaskRole.RoleId"), alsoFails: ["10.4"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let tasks = template.serviceTaskDefinitions
    guard !tasks.isEmpty else { return context.missing("AWS::ECS::TaskDefinition", for: "its task role is checked") }
    var outsideRoles: [(task: String, role: EvaluatedNode)] = []
    let verdict = Verdict(findings: tasks.inTemplate.compactMap { task in
      guard let roleNode = task["TaskRoleArn"] else { return nil }
      let role: String
      switch RoleReference(roleNode, property: "TaskRoleArn", of: task.logicalID, in: template, inEnvironment: context.inEnvironment) {
      case .inTemplate(let resource): role = resource.logicalID
      case .wrong(let finding): return finding
      case .outside:
        outsideRoles.append((task.logicalID, roleNode))
        return nil
      }
      let grants = template.grantsAnything(to: role)
      guard let first = grants.first else { return nil }
      return .error("task role \(role) of \(task.logicalID) is granted permissions; the app calls no AWS API, so it must have none", at: first, related: grants.dropFirst().map { .init("another grant", at: $0) } + [.init("TaskRoleArn", at: roleNode.location)], path: "Resources/\(role)")
    }, passNote: tasks.inTemplate.isEmpty ? "" : "task role has no policies")
    let limited = context.limitedByOutsideTaskDefinitions(verdict, what: "task role")
    guard limited.status == .pass, !outsideRoles.isEmpty else { return limited }
    let named = outsideRoles.map { "\($0.task) uses task role \($0.role.display)" }.joined(separator: "; ")
    return .needsEvidence("\(named), which this template does not define: its permissions cannot be read from these files", evidence: outsideRoles.map(\.role.location))
  }
}

import TemplateModel

/// 10.4: the task definition has an execution role (ECR pull and log writes) and a task
/// role, both created by the template.
struct IAMRolesRule: Rule {
  static let definition = RuleDefinition(
    id: "iam-roles",
    requirements: ["10.4"],
    title: "Task has an execution role for ECR and logs, and its own task role",
    rationale: "The ECS agent uses the execution role to pull the image and create log streams; the application uses the task role. Keeping both in the template keeps their permissions reviewable.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html"],
    examples: [
      .compliant(),
      .change("no task role", .edit(.template, "      TaskRoleArn: !GetAtt TaskRole.Arn\n", "")),
      .change("execution role cannot write logs", .edit(.template, "      ManagedPolicyArns:\n        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\"\n", ""), .edit(.template, "                  - logs:CreateLogStream\n", "")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let tasks = template.serviceTaskDefinitions
    guard !tasks.isEmpty else { return context.missing("AWS::ECS::TaskDefinition", for: "it names the roles") }
    var findings: [Finding] = []
    for task in tasks.inTemplate {
      for property in ["ExecutionRoleArn", "TaskRoleArn"] {
        guard let node = task[property] else {
          findings.append(.error("\(task.logicalID) has no \(property)", at: task.propertiesLocation, path: "Resources/\(task.logicalID)/Properties/\(property)"))
          continue
        }
        let role: String
        switch RoleReference(node, property: property, of: task.logicalID, in: template, inEnvironment: context.inEnvironment) {
        case .inTemplate(let resource): role = resource.logicalID
        case .wrong(let finding):
          findings.append(finding)
          continue
        case .outside:
          findings.append(.error("\(task.logicalID)'s \(property) \(node.display) is not a role of this template", at: node.location))
          continue
        }
        if property == "ExecutionRoleArn" {
          let statements = template.statements(grantedTo: role)
          for action in ["logs:CreateLogStream", "logs:PutLogEvents"] where !statements.allow(action) {
            let denial = statements.denial(of: action)
            findings.append(.error("execution role \(role) is not granted \(action)\(denial.map { " (denied by \($0.source))" } ?? ""); the awslogs driver cannot write the container's logs", at: denial?.location ?? node.location))
          }
        }
      }
    }
    let verdict = Verdict(findings: findings, passNote: tasks.inTemplate.isEmpty ? "" : "execution role (ECR, logs) and task role from the template")
    return context.limitedByOutsideTaskDefinitions(verdict, what: "execution and task roles")
  }
}

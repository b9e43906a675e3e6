import TemplateModel

/// 2.5 and 4.5: the task execution role may pull the image from ECR.
struct ExecutionRoleECRPullRule: Rule {
  static let pullActions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
  static let tokenAction = "ecr:GetAuthorizationToken"

  static let definition = RuleDefinition(
    id: "execution-role-ecr-pull",
    requirements: ["2.5", "4.5"],
    title: "Task execution role can pull from ECR",
    rationale: "The ECS agent pulls the image with the execution role: it needs ecr:GetAuthorizationToken on * (the action has no resource-level permissions) and the layer-pull actions on the repository, as AmazonECSTaskExecutionRolePolicy grants.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html",
    ],
    examples: [
      .compliant(),
      .change(
        "no managed policy, and the token scoped to the repository",
        .edit(.template, "      ManagedPolicyArns:\n        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\"\n", ""),
        .edit(.template, "Action: ecr:GetAuthorizationToken\n                Resource: \"*\"", "Action: ecr:GetAuthorizationToken\n                Resource: !GetAtt EcrRepository.Arn")),
      .change("no execution role on the task definition", .edit(.template, "      ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn\n", ""), alsoFails: ["10.4"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    guard !template.taskDefinitions.isEmpty else { return context.missing("AWS::ECS::TaskDefinition", for: "its execution role pulls the image") }
    return Verdict(findings: template.taskDefinitions.flatMap { task -> [Finding] in
      guard let roleNode = task["ExecutionRoleArn"] else {
        return [.error("\(task.logicalID) has no ExecutionRoleArn; the ECS agent cannot pull a private ECR image without one", at: task.propertiesLocation)]
      }
      guard let role = roleNode.referencedResource else {
        return [.error("\(task.logicalID) uses execution role \(roleNode.display), which this template does not define; its ECR permissions cannot be checked", at: roleNode.location)]
      }
      let statements = template.statements(grantedTo: role).filter(\.isAllow)
      var findings: [Finding] = []
      let tokenGrants = statements.filter { $0.covers(Self.tokenAction) }
      if !tokenGrants.contains(where: \.onAllResources) {
        let scoped = tokenGrants.first
        findings.append(.error(
          scoped.map { "\(role) is granted ecr:GetAuthorizationToken only on \($0.resources.map(\.display).joined(separator: ", ")); the action supports no resource-level permission and works only with Resource \"*\"" }
            ?? "\(role) is not granted ecr:GetAuthorizationToken on \"*\"; the agent cannot log in to ECR",
          at: scoped?.location ?? roleNode.location, related: [.init("execution role of \(task.logicalID)", at: roleNode.location)]))
      }
      for action in Self.pullActions where !statements.contains(where: { $0.covers(action) }) {
        findings.append(.error("\(role) is not granted \(action); the agent cannot pull the image layers", at: roleNode.location))
      }
      return findings
    }, passNote: "execution role grants ecr:GetAuthorizationToken on * and the pull actions")
  }
}

import Diagnostics
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
    var roles: [(role: String, reference: SourceLocation, owner: String)] = []
    var findings: [Finding] = []
    for task in template.taskDefinitions {
      guard let roleNode = task["ExecutionRoleArn"] else {
        findings.append(.error("\(task.logicalID) has no ExecutionRoleArn; the ECS agent cannot pull a private ECR image without one", at: task.propertiesLocation))
        continue
      }
      guard let role = roleNode.referencedResource else {
        findings.append(.error("\(task.logicalID) uses execution role \(roleNode.display), which this template does not define; its ECR permissions cannot be checked", at: roleNode.location))
        continue
      }
      roles.append((role, roleNode.location, task.logicalID))
    }
    if template.taskDefinitions.isEmpty {
      // No task definition here: check the roles ECS tasks assume that are granted ECR actions.
      for role in template.resources(ofType: "AWS::IAM::Role") where Self.trustsECSTasks(role) {
        if template.statements(grantedTo: role.logicalID).contains(where: { $0.actions.contains { $0.lowercased().hasPrefix("ecr:") } }) {
          roles.append((role.logicalID, role.location, role.logicalID))
        }
      }
      if roles.isEmpty { return .notApplicable("no task definition and no ECS task role with ECR permissions in the template") }
    }
    for (role, reference, owner) in roles {
      let all = template.statements(grantedTo: role)
      // An explicit Deny overrides every Allow (IAM policy evaluation logic).
      for action in [Self.tokenAction] + Self.pullActions {
        if let denial = all.denial(of: action) {
          findings.append(.error("\(role) is explicitly denied \(action) by \(denial.source); a deny overrides every allow, so the agent cannot pull the image", at: denial.location(of: action), related: [.init("execution role of \(owner)", at: reference)]))
        }
      }
      let statements = all.filter(\.isAllow)
      let tokenGrants = statements.filter { $0.covers(Self.tokenAction) }
      if all.denial(of: Self.tokenAction) == nil, !tokenGrants.contains(where: \.onAllResources) {
        let scoped = tokenGrants.first
        findings.append(.error(
          scoped.map { "ecr:GetAuthorizationToken is granted to \(role) only on \($0.resources.map(\.display).joined(separator: ", ")); the action supports no resource-level permission and works only with Resource \"*\", so the execution role cannot authenticate to ECR" }
            ?? "\(role) is not granted ecr:GetAuthorizationToken on \"*\"; the agent cannot log in to ECR",
          at: scoped?.location(of: Self.tokenAction) ?? reference, related: [.init("execution role of \(owner)", at: reference)]))
      }
      for action in Self.pullActions where all.denial(of: action) == nil && !statements.contains(where: { $0.covers(action) }) {
        findings.append(.error("\(role) is not granted \(action); the agent cannot pull the image layers", at: reference))
      }
    }
    return Verdict(findings: findings, passNote: "execution role grants ecr:GetAuthorizationToken on * and the pull actions")
  }

  /// Whether the role's trust policy lets ECS tasks assume it.
  static func trustsECSTasks(_ role: EvaluatedResource) -> Bool {
    (role["AssumeRolePolicyDocument"]?["Statement"]?.items ?? []).contains { statement in
      statement["Principal"]?["Service"]?.items.contains { $0.string == "ecs-tasks.amazonaws.com" } == true
    }
  }
}

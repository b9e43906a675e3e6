import Diagnostics
import TemplateModel

/// 2.5 and 4.5: the task execution role may pull the image from ECR.
struct ExecutionRoleECRPullRule: Rule {
  static let pullActions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
  static let tokenAction = "ecr:GetAuthorizationToken"
  /// Every failing example but the last removes the managed policy that grants all pulls,
  /// so that the inline grants it edits are what decides.
  static let withoutManagedPolicy = RuleExample.Edit.edit(
    .template, "      ManagedPolicyArns:\n        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\"\n", "")

  static let definition = RuleDefinition(
    id: "execution-role-ecr-pull",
    requirements: ["2.5", "4.5"],
    title: "Task execution role can pull from ECR",
    rationale: "The ECS agent pulls the image with the execution role: it needs ecr:GetAuthorizationToken on * (the action has no resource-level permissions) and the layer-pull actions on the repository the task pulls from (`*`, its ARN by GetAtt or Sub, or an ARN pattern matching it), as AmazonECSTaskExecutionRolePolicy grants.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html",
    ],
    examples: [
      .compliant(),
      .change(
        "the execution role is another stack's export (its grants are in that stack)",
        .edit(.template, "ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn", "ExecutionRoleArn: !ImportValue shared-execution-role-arn"),
        expect: .needsEvidence, alsoFails: ["10.4"]),
      .change(
        "no managed policy, and the token scoped to the repository",
        withoutManagedPolicy,
        .edit(.template, "Action: ecr:GetAuthorizationToken\n                Resource: \"*\"", "Action: ecr:GetAuthorizationToken\n                Resource: !GetAtt EcrRepository.Arn")),
      .change(
        "no managed policy, and the pull actions granted on the log group",
        withoutManagedPolicy,
        .edit(.template, "                  - ecr:BatchGetImage\n                Resource: !GetAtt EcrRepository.Arn", "                  - ecr:BatchGetImage\n                Resource: !GetAtt LogGroup.Arn")),
      .change(
        "no managed policy, and the pull actions granted on a repository in another region",
        withoutManagedPolicy,
        .edit(.template, "                  - ecr:BatchGetImage\n                Resource: !GetAtt EcrRepository.Arn", "                  - ecr:BatchGetImage\n                Resource: !Sub \"arn:${AWS::Partition}:ecr:eu-west-1:${AWS::AccountId}:repository/${EcrRepository}\"")),
      .change(
        "no managed policy, and the pull actions granted on the repository's ARN pattern",
        withoutManagedPolicy,
        .edit(.template, "                  - ecr:BatchGetImage\n                Resource: !GetAtt EcrRepository.Arn", "                  - ecr:BatchGetImage\n                Resource: !Sub \"arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/vibejudge-dashboard-*\""), expect: .pass),
      .change(
        "no managed policy, and the pull actions granted on a literal account's repository",
        withoutManagedPolicy,
        .edit(.template, "                  - ecr:BatchGetImage\n                Resource: !GetAtt EcrRepository.Arn", "                  - ecr:BatchGetImage\n                Resource: !Sub \"arn:aws:ecr:us-east-1:123456789012:repository/${EcrRepository}\""), expect: .needsEvidence),
      .change("no execution role on the task definition", .edit(.template, "      ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn\n", ""), alsoFails: ["10.4"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    var roles: [(role: String, reference: SourceLocation, owner: String)] = []
    var findings: [Finding] = []
    var unknown: [String] = []
    var unknownAt: [SourceLocation] = []
    let tasks = template.serviceTaskDefinitions.inTemplate
    for task in tasks {
      guard let roleNode = task["ExecutionRoleArn"] else {
        findings.append(.error("\(task.logicalID) has no ExecutionRoleArn; the ECS agent cannot pull a private ECR image without one", at: task.propertiesLocation))
        continue
      }
      switch RoleReference(roleNode, property: "ExecutionRoleArn", of: task.logicalID, in: template, inEnvironment: context.inEnvironment) {
      case .inTemplate(let role):
        roles.append((role.logicalID, roleNode.location, task.logicalID))
      case .wrong(let finding):
        findings.append(finding)
      case .outside:
        unknown.append("\(task.logicalID) uses execution role \(roleNode.display), which this template does not define: its ECR permissions cannot be read from these files")
        unknownAt.append(roleNode.location)
      }
    }
    if tasks.isEmpty {
      // No task definition here: check the roles ECS tasks assume that are granted ECR actions.
      for role in template.resources(ofType: "AWS::IAM::Role") where Self.trustsECSTasks(role) {
        if template.statements(grantedTo: role.logicalID).contains(where: { $0.actions.contains { $0.lowercased().hasPrefix("ecr:") } }) {
          roles.append((role.logicalID, role.location, role.logicalID))
        }
      }
      if roles.isEmpty, template.serviceTaskDefinitions.outside.isEmpty { return .notApplicable("no task definition and no ECS task role with ECR permissions in the template") }
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
      for action in Self.pullActions where all.denial(of: action) == nil {
        let grants = statements.filter { $0.covers(action) }
        guard !grants.isEmpty else {
          findings.append(.error("\(role) is not granted \(action); the agent cannot pull the image layers", at: reference))
          continue
        }
        for repository in Self.repositories(pulledBy: owner, in: template) {
          let coverage = grants.map { grant in grant.resources.map { repository.coverage(of: $0, in: template) }.max() ?? .misses }.max() ?? .misses
          switch coverage {
          case .covers: break
          case .unknown: unknown.append("whether \(role)'s \(action) grant covers \(repository.name) cannot be decided from the files")
          case .misses:
            let scoped = grants[0]
            findings.append(.error(
              "\(role) is granted \(action) only on \(grants.flatMap(\.resources).map(\.display).joined(separator: ", ")), not on \(repository.name), the repository \(owner) pulls from; the agent cannot pull the image",
              at: scoped.location(of: action), related: [.init("execution role of \(owner)", at: reference)]))
          }
        }
      }
    }
    if findings.isEmpty, !unknown.isEmpty { return .needsEvidence(unknown.joined(separator: "; "), evidence: unknownAt) }
    let verdict = Verdict(findings: findings, passNote: roles.isEmpty ? "" : "execution role grants ecr:GetAuthorizationToken on * and the pull actions on the task's repository")
    return context.limitedByOutsideTaskDefinitions(verdict, what: "execution role")
  }

  /// A repository a task definition pulls from, and its ARN as tokens (unknown: any ARN
  /// other than `*` leaves coverage undecided).
  struct PulledRepository {
    var name: String
    var logicalID: String?
    var arn: [ResourceCoverage.Token]?

    func coverage(of resource: EvaluatedNode, in template: EvaluatedTemplate) -> ResourceCoverage {
      if resource.string == "*" { return .covers }
      guard let arn else { return .unknown }
      return ResourceCoverage.of(resource, target: arn, repository: logicalID ?? "", in: template)
    }
  }

  /// The ECR repositories the containers of task definition `owner` pull: a repository of
  /// the template named in `Image` (`${Repo.RepositoryUri}`), a literal ECR image URI
  /// (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`), or an unknown image. Images from
  /// other registries need no ECR permission. Reference: "Private registry concepts",
  /// https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html
  static func repositories(pulledBy owner: String, in template: EvaluatedTemplate) -> [PulledRepository] {
    guard let task = template.resource(owner) else { return [] }
    let repositories = template.resources(ofType: "AWS::ECR::Repository")
    return template.containers(of: task).compactMap { container -> PulledRepository? in
      guard let image = container["Image"] else { return nil }
      if let repository = repositories.first(where: { image.mentions($0.logicalID) }) {
        return PulledRepository(name: repository.logicalID, logicalID: repository.logicalID, arn: ResourceCoverage.arn(of: repository, in: template))
      }
      guard let text = image.string else { return PulledRepository(name: image.display, arn: nil) }
      let host = text.prefix { $0 != "/" }
      let parts = host.split(separator: ".")
      guard parts.count >= 6, parts[1] == "dkr", parts[2] == "ecr", text.count > host.count else { return nil }
      let name = text.dropFirst(host.count + 1).prefix { $0 != ":" && $0 != "@" }
      let region = String(parts[3])
      let arn = "arn:\(Partition.of(region: region).name):ecr:\(region):\(parts[0]):repository/\(name)"
      return PulledRepository(name: String(text.prefix { $0 != ":" && $0 != "@" }), arn: ResourceCoverage.text(arn))
    }
  }

  /// Whether the role's trust policy lets ECS tasks assume it.
  static func trustsECSTasks(_ role: EvaluatedResource) -> Bool {
    (role["AssumeRolePolicyDocument"]?["Statement"]?.items ?? []).contains { statement in
      statement["Principal"]?["Service"]?.items.contains { $0.string == "ecs-tasks.amazonaws.com" } == true
    }
  }
}

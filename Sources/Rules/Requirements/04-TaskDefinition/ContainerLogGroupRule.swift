import Requirements
import TemplateModel

/// 4.4 and 9.1: the container's stdout/stderr go to the named CloudWatch Logs group,
/// which the template creates.
struct ContainerLogGroupRule: Rule {
  static let definition = RuleDefinition(
    id: "container-log-group",
    requirements: ["4.4", "9.1"],
    title: "Container logs go to the required CloudWatch Logs group",
    rationale: "The awslogs driver ships stdout and stderr to `awslogs-group`; runbooks and alarms look for the logs under that exact name, and the group should be the template's own (with its retention) rather than one created on the fly.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html"],
    examples: [
      .compliant(environment: "prod"),
      .change("this repository's dev env: the name carries a suffix (log group names are unique per account and region)", expect: .fail, environment: "dev"),
      .change("no log configuration", .edit(.template, "          LogConfiguration:\n            LogDriver: awslogs", "          DockerLabels:\n            LogDriver: awslogs"), environment: "prod", alsoFails: ["9.2", "12.4"]),
      .change("log group named differently", .edit(.template, "        - /ecs/vibejudge-dashboard\n", "        - /ecs/dashboard\n"), environment: "prod"),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let containers = template.serviceContainers
    guard !containers.isEmpty else { return context.missing("container definition", misspelt: EvaluatedTemplate.ecsTaskDefinition, for: "its log configuration names the log group") }
    var findings: [Finding] = []
    var notes: [String] = []
    for id in Self.definition.requirements {
      guard let expected = context.value("log-group", of: id) else { continue }
      notes.append("awslogs to \(expected.text)")
      for var finding in containers.compactMap({ check($0, expected, context) }) {
        finding.onlyRequirements = [id]
        findings.append(finding)
      }
    }
    return Verdict(findings: findings, passNote: Array(Set(notes)).sorted().joined(separator: "; "))
  }

  private func check(_ container: ContainerDefinition, _ expected: RequirementValue, _ context: RuleContext) -> Finding? {
    let template = context.template
    guard let configuration = container["LogConfiguration"], configuration["LogDriver"]?.string == "awslogs" else {
      return .error("container \(container.name ?? "?") has no awslogs LogConfiguration; its stdout/stderr reach no CloudWatch Logs group (\(expected.cited) requires \(expected.text))", at: container["LogConfiguration"]?.location ?? container.location, path: container.path + "/LogConfiguration")
    }
    guard let group = configuration["Options"]?["awslogs-group"] else {
      return .error("container \(container.name ?? "?") sets no awslogs-group option", at: configuration.location, path: container.path + "/LogConfiguration/Options")
    }
    if let other = template.wrongTypeReference(group, expected: EvaluatedTemplate.logGroupType) {
      return .error("awslogs-group references \(other.logicalID), whose Type is \(other.type), not a log group", at: group.location)
    }
    let resource = template.resource(referencedBy: group, ofType: EvaluatedTemplate.logGroupType)
    let name = resource.map { $0["LogGroupName"] } ?? group
    if let resource, name == nil {
      return .error("log group \(resource.logicalID) has no LogGroupName, so CloudFormation generates one; \(expected.cited) requires \(expected.text)", at: resource.location)
    }
    guard let text = name?.string else {
      return .error("the log group name is \(name?.display ?? "unknown") and cannot be decided\(context.inEnvironment); \(expected.cited) requires \(expected.text)", at: name?.location ?? group.location)
    }
    if text == expected.text { return nil }
    return .error("container \(container.name ?? "?") logs to \(text)\(context.inEnvironment); \(expected.cited) requires \(expected.text)", at: name?.location ?? group.location, related: [.init("awslogs-group of the container", at: group.location)], path: container.path + "/LogConfiguration/Options/awslogs-group")
  }
}

import Diagnostics
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
      .change(
        "the group's ARN where the awslogs driver takes its name",
        .edit(.template, "awslogs-group: !Ref LogGroup", "awslogs-group: !GetAtt LogGroup.Arn"), environment: "prod", alsoFails: ["9.2", "12.4"]),
      .change("the group named through !Sub \"${LogGroup}\" (the same as !Ref)", .edit(.template, "awslogs-group: !Ref LogGroup", "awslogs-group: !Sub \"${LogGroup}\""), expect: .pass, environment: "prod"),
      .change(
        "the group is another stack's export (its name is known at deploy time)",
        .edit(.template, "awslogs-group: !Ref LogGroup", "awslogs-group: !ImportValue shared-log-group"), expect: .needsEvidence, environment: "prod"),
      .change("awslogs-region another Region than the stack's (the group of that name there, not the template's)", .edit(.template, "awslogs-region: !Ref AWS::Region", "awslogs-region: eu-west-1"), environment: "prod"),
      .change("awslogs-region the stack's Region written out", .edit(.template, "awslogs-region: !Ref AWS::Region", "awslogs-region: us-east-1"), expect: .pass, environment: "prod"),
      .change("no awslogs-region (ECS requires it)", .edit(.template, "              awslogs-region: !Ref AWS::Region\n", ""), environment: "prod"),
      .change("log group named differently", .edit(.template, "        - /ecs/vibejudge-dashboard\n", "        - /ecs/dashboard\n"), environment: "prod"),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let containers = template.serviceContainers
    guard !containers.isEmpty else { return context.withoutServiceContainers(for: "its log configuration names the log group", what: "log configuration") }
    var findings: [Finding] = []
    var notes: [String] = []
    var undecided: [(note: String, at: SourceLocation)] = []
    for id in Self.definition.requirements {
      guard let expected = context.value("log-group", of: id) else { continue }
      notes.append("awslogs to \(expected.text)")
      undecided = []
      for var finding in containers.flatMap({ check($0, expected, context, undecided: &undecided) }) {
        finding.onlyRequirements = [id]
        findings.append(finding)
      }
    }
    if findings.isEmpty, !undecided.isEmpty {
      return .needsEvidence(undecided.map(\.note).joined(separator: "; "), evidence: undecided.map(\.at))
    }
    return context.limitedByOutsideTaskDefinitions(Verdict(findings: findings, passNote: Array(Set(notes)).sorted().joined(separator: "; ")), what: "log configuration")
  }

  /// The findings against `expected` for one container (its group, then its Region);
  /// none when it logs there, or when its group's name is known only at deploy time (an
  /// import, a parameter without a value in this env), which `undecided` then gets.
  private func check(_ container: ContainerDefinition, _ expected: RequirementValue, _ context: RuleContext, undecided: inout [(note: String, at: SourceLocation)]) -> [Finding] {
    let template = context.template
    guard let configuration = container["LogConfiguration"], configuration["LogDriver"]?.string == "awslogs" else {
      return [.error("container \(container.name ?? "?") has no awslogs LogConfiguration; its stdout/stderr reach no CloudWatch Logs group (\(expected.cited) requires \(expected.text))", at: container["LogConfiguration"]?.location ?? container.location, path: container.path + "/LogConfiguration")]
    }
    guard let group = configuration["Options"]?["awslogs-group"] else {
      return [.error("container \(container.name ?? "?") sets no awslogs-group option", at: configuration.location, path: container.path + "/LogConfiguration/Options")]
    }
    switch template.faultyReference(group, expected: EvaluatedTemplate.logGroupType) {
    case nil: break
    case .removed(let removed, let condition):
      return [.error("container \(container.name ?? "?") logs to \(removed.logicalID), which condition \(condition) removes\(context.inEnvironment): CloudFormation rejects the template here", at: group.location, related: [.init("the removed log group", at: removed.location)], path: container.path + "/LogConfiguration/Options/awslogs-group")]
    case .wrongAttribute(let resource, let attribute):
      return [.error("container \(container.name ?? "?")'s awslogs-group is \(group.display), the \(attribute) of log group \(resource.logicalID), not its name; the awslogs driver takes the name (!Ref \(resource.logicalID)), and no log group is named that", at: group.location, path: container.path + "/LogConfiguration/Options/awslogs-group")]
    case .wrongType(let other):
      return [.error("awslogs-group references \(other.logicalID), whose Type is \(other.type), not a log group", at: group.location)]
    }
    let resource = template.resource(referencedBy: group, ofType: EvaluatedTemplate.logGroupType)
    let name = resource.map { $0["LogGroupName"] } ?? group
    if let resource, name == nil {
      return [.error("log group \(resource.logicalID) has no LogGroupName, so CloudFormation generates one; \(expected.cited) requires \(expected.text)", at: resource.location)]
    }
    guard let text = name?.string else {
      undecided.append(("container \(container.name ?? "?") logs to \(name?.display ?? "an unknown group"), a name known only at deploy time\(context.inEnvironment); \(expected.cited) requires \(expected.text)", name?.location ?? group.location))
      return []
    }
    let region = regionFinding(container, configuration, group: text, ownGroup: resource != nil, context, undecided: &undecided).map { [$0] } ?? []
    if text == expected.text { return region }
    return [.error("container \(container.name ?? "?") logs to \(text)\(context.inEnvironment); \(expected.cited) requires \(expected.text)", at: name?.location ?? group.location, related: [.init("awslogs-group of the container", at: group.location)], path: container.path + "/LogConfiguration/Options/awslogs-group")] + region
  }

  /// The finding for the container's `awslogs-region`: ECS requires the option, and the
  /// driver sends the logs to the group of that name in that Region ("Make sure that the
  /// specified log group exists in the Region that you specify",
  /// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html).
  /// A Region other than the stack's (samconfig `region`) is not where the template creates
  /// its log group (`ownGroup`: the group is a resource of this template); for a group
  /// named by text, a group of that name may exist there (sending logs to one Region is a
  /// documented pattern), so that and a literal Region with the stack's Region unknown are
  /// undecided.
  private func regionFinding(
    _ container: ContainerDefinition, _ configuration: EvaluatedNode, group: String, ownGroup: Bool, _ context: RuleContext,
    undecided: inout [(note: String, at: SourceLocation)]
  ) -> Finding? {
    let path = container.path + "/LogConfiguration/Options/awslogs-region"
    guard let region = configuration["Options"]?["awslogs-region"], region.string != "" else {
      return .error("container \(container.name ?? "?")'s awslogs LogConfiguration sets no awslogs-region (or an empty one); ECS requires it (the Region whose CloudWatch Logs receive the logs): write !Ref AWS::Region", at: configuration["Options"]?["awslogs-region"]?.location ?? configuration["Options"]?.location ?? configuration.location, path: container.path + "/LogConfiguration/Options")
    }
    if case .pseudo("AWS::Region")? = region.unresolved { return nil }
    let setting = context.template.scenario.configuration.region
    guard let text = region.string else {
      undecided.append(("container \(container.name ?? "?") sends its logs to the Region \(region.display), known only at deploy time\(context.inEnvironment); the template creates its log group in the stack's Region", region.location))
      return nil
    }
    guard let stackRegion = setting?.value.literal else {
      let misspelt = setting == nil ? context.template.scenario.configuration.misspelling(of: "region") : nil
      undecided.append(("container \(container.name ?? "?") sends its logs to \(text), and the Region this stack deploys to is not set\(context.inEnvironment) (samconfig `region`)\(misspelt.map { "; \($0.message)" } ?? ""); the template creates its log group in the stack's Region", region.location))
      return nil
    }
    guard text != stackRegion else { return nil }
    guard ownGroup else {
      undecided.append(("container \(container.name ?? "?") sends its logs to group \(group) in \(text), not in this stack's Region \(stackRegion)\(context.inEnvironment): that group must exist in \(text), which these files cannot show", region.location))
      return nil
    }
    return .error(
      "container \(container.name ?? "?") sends its logs to \(text), but this stack deploys to \(stackRegion)\(context.inEnvironment), where the template creates its log group; the driver writes to a group of that name in \(text) (and the task fails to start if none exists there): write !Ref AWS::Region",
      at: region.location, related: setting.map { [.init("the stack's Region", at: $0.origin.location)] } ?? [], path: path)
  }
}

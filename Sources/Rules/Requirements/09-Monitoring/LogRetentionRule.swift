import Diagnostics
import Requirements
import TemplateModel

/// 9.2 and 12.4: the containers' log group keeps logs for the required number of days.
struct LogRetentionRule: Rule {
  static let definition = RuleDefinition(
    id: "log-retention",
    requirements: ["9.2", "12.4"],
    title: "Container log group keeps logs for the required days",
    rationale: "Without RetentionInDays CloudWatch keeps logs forever and storage cost grows without bound; the group must be the template's own so the setting applies.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html"],
    examples: [
      .compliant(),
      .change("14 days", .edit(.template, "RetentionInDays: 7", "RetentionInDays: 14")),
      .change("kept forever", .edit(.template, "      RetentionInDays: 7\n", "")),
      .change(
        "the log group's Type misspelt (no log group holds the retention)",
        .edit(.template, "    Type: AWS::Logs::LogGroup\n", "    Type: AWS::Logs::LogGrop\n"), alsoFails: ["4.4", "9.1", "10.1"]),
      .change(
        "the container logs to another stack's log group (its retention is set there)",
        .edit(.template, "awslogs-group: !Ref LogGroup", "awslogs-group: !ImportValue shared-log-group"), expect: .needsEvidence),
      .change(
        "the awslogs driver creates a group the template does not (with no retention: kept forever)",
        .edit(.template, "awslogs-group: !Ref LogGroup", "awslogs-group: /ecs/vibejudge-dashboard\n              awslogs-create-group: \"true\""),
        alsoFails: ["4.4", "9.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let containers = template.serviceContainers
    guard !containers.isEmpty else { return context.withoutServiceContainers(for: "its log group's retention is checked", what: "log group") }
    let groups = template.resources(ofType: EvaluatedTemplate.logGroupType)
    var findings: [Finding] = []
    var notes: [String] = []
    var outside: [(note: String, at: SourceLocation)] = []
    for id in Self.definition.requirements {
      guard let retention = context.value("retention", of: id), let days = retention.integer else { continue }
      notes.append("RetentionInDays \(days)")
      outside = []
      for var finding in check(containers, groups, retention, days, template, outside: &outside) {
        finding.onlyRequirements = [id]
        findings.append(finding)
      }
    }
    if findings.isEmpty, !outside.isEmpty {
      return .needsEvidence(outside.map(\.note).joined(separator: "; "), evidence: outside.map(\.at))
    }
    return context.limitedByOutsideTaskDefinitions(Verdict(findings: findings, passNote: Array(Set(notes)).sorted().joined(separator: "; ")), what: "log group")
  }

  /// The findings against `days` for each container's log group. `outside` gets the
  /// containers whose group this template does not create and the awslogs driver does
  /// not create either: a group made elsewhere, whose retention these files cannot show.
  private func check(
    _ containers: [ContainerDefinition], _ groups: [EvaluatedResource], _ retention: RequirementValue, _ days: Int, _ template: EvaluatedTemplate,
    outside: inout [(note: String, at: SourceLocation)]
  ) -> [Finding] {
    var findings: [Finding] = []
    for container in containers {
      guard let groupNode = container["LogConfiguration"]?["Options"]?["awslogs-group"] else {
        findings.append(.error("container \(container.name ?? "?") logs to no CloudWatch Logs group, so no retention applies", at: container.location))
        continue
      }
      let group = template.resource(referencedBy: groupNode, ofType: EvaluatedTemplate.logGroupType)
        ?? groups.first { $0["LogGroupName"]?.string != nil && $0["LogGroupName"]?.string == groupNode.string }
      guard let group else {
        switch template.faultyReference(groupNode, expected: EvaluatedTemplate.logGroupType) {
        case .removed(let removed, let condition)?:
          findings.append(.error("container \(container.name ?? "?") logs to \(removed.logicalID), which condition \(condition) removes in env \(template.scenario.environment): CloudFormation rejects the template there", at: groupNode.location, related: [.init("the removed log group", at: removed.location)]))
        case .wrongAttribute(let resource, let attribute)?:
          findings.append(.error("container \(container.name ?? "?")'s awslogs-group is \(groupNode.display), the \(attribute) of log group \(resource.logicalID), not its name: it logs to no log group of this template, so \(resource.logicalID)'s retention does not apply", at: groupNode.location))
        case .wrongType(let other)?:
          findings.append(.error("container \(container.name ?? "?") logs to \(other.logicalID), whose Type is \(other.type), not \(EvaluatedTemplate.logGroupType); no log group of this template holds its retention", at: groupNode.location))
        case nil where container["LogConfiguration"]?["Options"]?["awslogs-create-group"]?.string == "true":
          findings.append(.error("container \(container.name ?? "?") logs to \(groupNode.display), which this template does not create and the awslogs driver creates (awslogs-create-group) without a retention: its logs are kept forever; \(retention.cited) requires \(days) days", at: groupNode.location))
        case nil:
          outside.append(("container \(container.name ?? "?") logs to \(groupNode.display), which this template does not create: its retention is set outside these files", groupNode.location))
        }
        continue
      }
      let node = group["RetentionInDays"]
      if node?.int != days {
        findings.append(.error("log group \(group.logicalID) has RetentionInDays \(node?.display ?? "unset (kept forever)"); \(retention.cited) requires \(days)", at: node?.location ?? group.propertiesLocation, path: "Resources/\(group.logicalID)/Properties/RetentionInDays"))
      }
    }
    return findings
  }
}

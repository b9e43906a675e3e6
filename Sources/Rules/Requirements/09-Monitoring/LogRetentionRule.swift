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
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let containers = template.serviceContainers
    guard !containers.isEmpty else { return context.missing("container definition", misspelt: EvaluatedTemplate.ecsTaskDefinition, for: "its log group's retention is checked") }
    let groups = template.resources(ofType: EvaluatedTemplate.logGroupType)
    var findings: [Finding] = []
    var notes: [String] = []
    for id in Self.definition.requirements {
      guard let retention = context.value("retention", of: id), let days = retention.integer else { continue }
      notes.append("RetentionInDays \(days)")
      for var finding in check(containers, groups, retention, days, template) {
        finding.onlyRequirements = [id]
        findings.append(finding)
      }
    }
    return Verdict(findings: findings, passNote: Array(Set(notes)).sorted().joined(separator: "; "))
  }

  private func check(_ containers: [ContainerDefinition], _ groups: [EvaluatedResource], _ retention: RequirementValue, _ days: Int, _ template: EvaluatedTemplate) -> [Finding] {
    var findings: [Finding] = []
    for container in containers {
      guard let groupNode = container["LogConfiguration"]?["Options"]?["awslogs-group"] else {
        findings.append(.error("container \(container.name ?? "?") logs to no CloudWatch Logs group, so no retention applies", at: container.location))
        continue
      }
      let group = template.resource(referencedBy: groupNode, ofType: EvaluatedTemplate.logGroupType)
        ?? groups.first { $0["LogGroupName"]?.string != nil && $0["LogGroupName"]?.string == groupNode.string }
      guard let group else {
        if let other = template.wrongTypeReference(groupNode, expected: EvaluatedTemplate.logGroupType) {
          findings.append(.error("container \(container.name ?? "?") logs to \(other.logicalID), whose Type is \(other.type), not \(EvaluatedTemplate.logGroupType); no log group of this template holds its retention", at: groupNode.location))
        } else {
          findings.append(.error("container \(container.name ?? "?") logs to \(groupNode.display), which this template does not create; its retention is not set here", at: groupNode.location))
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

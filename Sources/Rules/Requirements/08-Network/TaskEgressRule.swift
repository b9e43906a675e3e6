import TemplateModel

/// 8.3: the tasks may reach HTTPS (the backend API, ECR, CloudWatch Logs).
struct TaskEgressRule: Rule {
  static let definition = RuleDefinition(
    id: "task-egress-https",
    requirements: ["8.3"],
    title: "Task security group allows outbound HTTPS",
    rationale: "The dashboard calls its API over HTTPS, and the ECS agent pulls the image and ships logs over 443 from the task's ENI. Writing any egress rule replaces the default allow-all egress.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html#cfn-ec2-securitygroup-securitygroupegress"],
    examples: [
      .compliant(),
      .change("egress only on 80", .edit(.template, "        - Description: HTTPS to the VibeJudge API, ECR and CloudWatch Logs\n          IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443", "        - Description: HTTPS to the VibeJudge API, ECR and CloudWatch Logs\n          IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let portValue = context.value("egress-port"), let port = portValue.integer else { return .missingValue("egress-port", of: "8.3") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its tasks' egress is checked") }
    var findings: [Finding] = []
    var external = ExternalSecurityGroups()
    for service in template.services {
      // With no group of this template on the tasks, only groups defined elsewhere decide.
      if template.securityGroups(ofService: service).isEmpty {
        external.add(template.externalSecurityGroups(ofService: service), of: service.logicalID)
      }
      for group in template.securityGroups(ofService: service) where template.hasExplicitEgress(group) {
        let rules = template.securityGroupRules(.egress, of: group)
        if !rules.contains(where: { $0.ports?.contains(port) == true && ($0.peer?.string == "0.0.0.0/0" || $0.peer?.string == "::/0") }) {
          findings.append(.error("\(group)'s egress (\(rules.map { "\($0.portDescription) to \($0.peerDescription)" }.joined(separator: "; "))) does not allow \(port) to the internet (\(portValue.cited))", at: rules.first?.location ?? service.location, path: rules.first?.path))
        }
      }
    }
    return external.limit(Verdict(findings: findings, passNote: "outbound \(port) allowed"))
  }
}

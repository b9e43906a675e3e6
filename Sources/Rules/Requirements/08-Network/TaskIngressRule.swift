import TemplateModel

/// 8.2: the tasks' security group admits only the container port, only from the load
/// balancer's security group.
struct TaskIngressRule: Rule {
  static let definition = RuleDefinition(
    id: "task-ingress-from-alb",
    requirements: ["8.2"],
    title: "Task security group admits only the container port from the ALB",
    rationale: "Tasks have public IPs (no NAT); their security group is the only thing keeping the internet from reaching Streamlit directly, bypassing TLS on the ALB.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-network.html"],
    examples: [
      .compliant(),
      .change("container port open to the internet", .edit(.template, "          ToPort: 8501\n          SourceSecurityGroupId: !Ref AlbSecurityGroup", "          ToPort: 8501\n          CidrIp: 0.0.0.0/0")),
      .change(
        "a security group defined outside the template on the tasks",
        .edit(.template, "          SecurityGroups:\n            - !Ref TaskSecurityGroup\n", "          SecurityGroups:\n            - !Ref TaskSecurityGroup\n            - !ImportValue shared-task-security-group\n"), expect: .needsEvidence),
      .change(
        "the container port admitted by a wider range (the finding says it is too wide, not that the port is closed)",
        .edit(.template, "          FromPort: 8501\n          ToPort: 8501\n          SourceSecurityGroupId: !Ref AlbSecurityGroup", "          FromPort: 8000\n          ToPort: 9000\n          SourceSecurityGroupId: !Ref AlbSecurityGroup")),
      .change("SSH from anywhere", .edit(.template, "      SecurityGroupIngress:\n        - Description: Streamlit from the ALB security group only", "      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n        - Description: Streamlit from the ALB security group only")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let portValue = context.value("container-port"), let port = portValue.integer else { return .missingValue("container-port", of: "8.2") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its tasks' security group is checked") }
    let albGroups = Set(template.serviceLoadBalancers.flatMap { template.securityGroups(of: $0) })
    let albExternalGroups = template.serviceLoadBalancers.flatMap { template.externalSecurityGroups(of: $0) }
    let sources = albGroups.isEmpty ? "the load balancer's security group (the template gives its load balancer none)" : albGroups.sorted().joined(separator: ", ")
    var findings: [Finding] = []
    var external = ExternalSecurityGroups()
    for service in template.services {
      let groups = template.securityGroups(ofService: service)
      let serviceExternal = template.externalSecurityGroups(ofService: service)
      external.add(serviceExternal, of: service.logicalID)
      if groups.isEmpty && serviceExternal.isEmpty {
        findings.append(.error("\(service.logicalID) names no security group of this template for its tasks", at: service["NetworkConfiguration"]?.location ?? service.location))
      }
      for group in groups {
        let rules = template.securityGroupRules(.ingress, of: group)
        for rule in rules {
          let fromALB = rule.node["SourceSecurityGroupId"].map { node in
            albGroups.contains { node.mentions($0) } || albExternalGroups.contains { node.hasSameValue(as: $0) }
          } ?? false
          if rule.ports != port...port || !fromALB {
            findings.append(.error("\(group) ingress opens \(rule.portDescription) to \(rule.peerDescription); only \(port) from \(sources) is allowed (\(portValue.cited))", at: rule.location, path: rule.path))
          }
        }
        // Admitted by a rule whose range contains the port (`-1` is every port), or
        // possibly by a group defined elsewhere.
        if serviceExternal.isEmpty && !rules.contains(where: { $0.ports?.contains(port) == true }) {
          findings.append(.error("\(group) does not admit port \(port); the ALB cannot reach the tasks", at: template.resource(group)?.location ?? service.location))
        }
      }
    }
    return external.limit(Verdict(findings: findings, passNote: "only \(port) from \(sources)"))
  }
}

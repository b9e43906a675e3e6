import TemplateModel

/// 8.1: the load balancer's security groups admit only the public ports from the internet.
struct ALBIngressRule: Rule {
  static let definition = RuleDefinition(
    id: "alb-ingress-ports",
    requirements: ["8.1"],
    title: "ALB security group admits only 80 and 443 from the internet",
    rationale: "Any other port open on the public ALB widens the attack surface; the ALB listens only on 80 and 443.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html"],
    examples: [
      .compliant(),
      .change("SSH open on the ALB", .edit(.template, "        - Description: HTTPS from anywhere\n", "        - Description: SSH\n          IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n        - Description: HTTPS from anywhere\n")),
      .change("all traffic", .edit(.template, "        - Description: HTTPS from anywhere\n          IpProtocol: tcp", "        - Description: HTTPS from anywhere\n          IpProtocol: \"-1\"")),
      .change(
        "a security group defined outside the template on the ALB",
        .edit(.template, "      SecurityGroups:\n        - !Ref AlbSecurityGroup\n", "      SecurityGroups:\n        - !Ref AlbSecurityGroup\n        - sg-0123456789abcdef0\n"), expect: .needsEvidence),
      .change("HTTPS only from one network", .edit(.template, "        - Description: HTTPS from anywhere\n          IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0", "        - Description: HTTPS from anywhere\n          IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 192.0.2.0/24")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let portsValue = context.value("public-ports"), let cidr = context.value("public-cidr") else { return .missingValue("public-ports/public-cidr", of: "8.1") }
    let ports = portsValue.list.compactMap { Int($0) }
    let template = context.template
    guard !template.serviceLoadBalancers.isEmpty else { return context.withoutServiceLoadBalancers(for: "its security group is checked", what: "security groups") }
    var findings: [Finding] = []
    var external = ExternalSecurityGroups()
    for balancer in template.serviceLoadBalancers {
      let groups = template.securityGroups(of: balancer)
      external.add(template.externalSecurityGroups(of: balancer), of: balancer.logicalID)
      if groups.isEmpty && external.isEmpty {
        findings.append(.error("\(balancer.logicalID) names no security group of this template; ELBv2 then uses the VPC default group, whose rules this template does not control", at: balancer["SecurityGroups"]?.location ?? balancer.location))
      }
      for group in groups {
        let rules = template.securityGroupRules(.ingress, of: group)
        for rule in rules {
          guard let range = rule.ports else {
            findings.append(.error("\(group) ingress opens \(rule.portDescription) (not resolvable); only \(ports.map(String.init).joined(separator: " and ")) are allowed", at: rule.location, path: rule.path))
            continue
          }
          if !(range.count <= ports.count && range.allSatisfy(ports.contains)) {
            findings.append(.error("\(group) ingress opens \(rule.portDescription) to \(rule.peerDescription); only \(ports.map(String.init).joined(separator: " and ")) are allowed (\(portsValue.cited))", at: rule.location, path: rule.path))
          }
        }
        // Another group of the load balancer (defined elsewhere) may admit the port.
        for port in ports where external.isEmpty && !rules.contains(where: { $0.ports?.contains(port) == true && $0.peer?.string == cidr.text }) {
          findings.append(.error("\(group) does not admit port \(port) from \(cidr.text); users cannot reach the listener", at: rules.first?.location ?? template.resource(group)?.location ?? balancer.location))
        }
      }
    }
    return context.limitedByOutsideTargetGroups(external.limit(Verdict(findings: findings, passNote: "ingress \(ports.map(String.init).joined(separator: ", ")) from \(cidr.text) only")), what: "security groups")
  }
}

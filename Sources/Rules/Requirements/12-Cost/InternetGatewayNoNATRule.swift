import TemplateModel

/// 12.7: public subnets routed through an internet gateway, no NAT gateway.
struct InternetGatewayNoNATRule: Rule {
  static let definition = RuleDefinition(
    id: "internet-gateway-no-nat",
    requirements: ["12.7"],
    title: "Internet gateway routes, no NAT gateway",
    rationale: "A NAT gateway costs about $32 a month plus data processing, over half the 2-task budget; public subnets with a 0.0.0.0/0 route to an internet gateway cost nothing.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://aws.amazon.com/vpc/pricing/"],
    examples: [
      .compliant(),
      .change("default route to nowhere", .edit(.template, "      GatewayId: !Ref InternetGateway", "      VpcPeeringConnectionId: pcx-0123456789abcdef0"), alsoFails: ["8.4", "8.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    var findings: [Finding] = PublicSubnets.natGateways(in: template).map {
      .error("\($0.logicalID) is a NAT gateway (about $32 a month plus $0.045/GB); requirement 12.7 allows none", at: $0.location, path: "Resources/\($0.logicalID)")
    }
    if PublicSubnets.publicSubnets(in: template).isEmpty {
      findings.append(.error("no subnet has a 0.0.0.0/0 route to an internet gateway of this template\(context.inEnvironment)", at: template.resources(ofType: "AWS::EC2::Route").first?.location ?? context.templateStart))
    }
    return Verdict(findings: findings, passNote: "public subnets via the internet gateway; no NAT gateway")
  }
}

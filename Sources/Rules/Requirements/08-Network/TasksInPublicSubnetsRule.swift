import TemplateModel

/// 8.4: tasks run in public subnets with public IPs, without a NAT gateway.
struct TasksInPublicSubnetsRule: Rule {
  static let definition = RuleDefinition(
    id: "tasks-public-ip-no-nat",
    requirements: ["8.4"],
    title: "Tasks get public IPs in public subnets, no NAT gateway",
    rationale: "Without a NAT gateway (about $32 a month each) a Fargate task reaches ECR and the API only through a public IP in a subnet routed to an internet gateway; without AssignPublicIp ENABLED the image pull fails.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html"],
    examples: [
      .compliant(),
      .change("no public IP", .edit(.template, "AssignPublicIp: ENABLED", "AssignPublicIp: DISABLED")),
      .change(
        "the tasks run in subnets another stack exports (public or behind a NAT gateway: not in these files)",
        .edit(.template, "          Subnets:\n            - !Ref PublicSubnet1\n            - !Ref PublicSubnet2\n", "          Subnets:\n            - !ImportValue shared-subnet-a\n            - !ImportValue shared-subnet-b\n"),
        expect: .needsEvidence),
      .change("a NAT gateway", .edit(.template, "  InternetGatewayAttachment:\n", "  NatIp:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc\n\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      SubnetId: !Ref PublicSubnet1\n      AllocationId: !GetAtt NatIp.AllocationId\n\n  InternetGatewayAttachment:\n"), alsoFails: ["12.7", "10.5", "12.1", "12.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its network configuration is checked") }
    let publicSubnets = PublicSubnets.publicSubnets(in: template)
    var findings: [Finding] = PublicSubnets.natGateways(in: template).map {
      .error("\($0.logicalID) is a NAT gateway; tasks must reach the internet through their public IPs", at: $0.location, path: "Resources/\($0.logicalID)")
    }
    var outside: [(service: String, subnet: EvaluatedNode)] = []
    for service in template.services {
      let configuration = service["NetworkConfiguration"]?["AwsvpcConfiguration"]
      let assign = configuration?["AssignPublicIp"]
      if assign?.string != "ENABLED" {
        findings.append(.error("\(service.logicalID) has AssignPublicIp \(assign?.display ?? "unset (DISABLED)"); without a NAT gateway its tasks need ENABLED to pull the image", at: assign?.location ?? configuration?.location ?? service.location, path: "Resources/\(service.logicalID)/Properties/NetworkConfiguration/AwsvpcConfiguration/AssignPublicIp"))
      }
      for subnet in template.subnets(ofService: service) {
        guard let id = subnet.referencedResource else {
          outside.append((service.logicalID, subnet))
          continue
        }
        if !publicSubnets.contains(id) {
          findings.append(.error("\(service.logicalID) places tasks in \(id), which has no route 0.0.0.0/0 to an internet gateway", at: subnet.location))
        }
      }
    }
    if findings.isEmpty, let first = outside.first {
      return .needsEvidence(
        "\(first.service) places tasks in subnet \(first.subnet.display)\(outside.count > 1 ? " (and \(outside.count - 1) more)" : ""), which this template does not define: whether it routes 0.0.0.0/0 to an internet gateway, not to a NAT gateway, cannot be read from these files",
        evidence: outside.map(\.subnet.location))
    }
    return Verdict(findings: findings, passNote: "public IPs in subnets routed to the internet gateway; no NAT gateway")
  }
}

import TemplateModel

/// 8.5: the load balancer is in public subnets across several Availability Zones.
struct ALBPublicMultiAZRule: Rule {
  static let definition = RuleDefinition(
    id: "alb-public-multi-az",
    requirements: ["8.5"],
    title: "ALB sits in public subnets of several Availability Zones",
    rationale: "An internet-facing ALB needs subnets routed to an internet gateway, in at least two Availability Zones (ELBv2 requires two for an Application Load Balancer).",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer",
      "https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html",
    ],
    examples: [
      .compliant(),
      .change(
        "a second, internal load balancer that forwards to nothing of the service's (it is not the dashboard's)",
        .edit(
          .template, "  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n",
          "  InternalBalancer:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: network\n      Scheme: internal\n      Subnets:\n        - !Ref PublicSubnet1\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n\n  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"),
        expect: .pass),
      .change("internal scheme", .edit(.template, "      Scheme: internet-facing", "      Scheme: internal")),
      .change("one subnet", .edit(.template, "      Subnets:\n        - !Ref PublicSubnet1\n        - !Ref PublicSubnet2\n      SecurityGroups:\n        - !Ref AlbSecurityGroup", "      Subnets:\n        - !Ref PublicSubnet1\n      SecurityGroups:\n        - !Ref AlbSecurityGroup"), alsoFails: ["12.1", "12.5"]),
      .change("zones chosen by a long-form Ref to the region", .edit(.template, "AvailabilityZone: !Select [1, !GetAZs \"\"]", "AvailabilityZone: !Select [1, !GetAZs {Ref: \"AWS::Region\"}]"), expect: .pass),
      .change(
        "zones given by zone ID",
        .edit(.template, "AvailabilityZone: !Select [0, !GetAZs \"\"]", "AvailabilityZoneId: use1-az1"),
        .edit(.template, "AvailabilityZone: !Select [1, !GetAZs \"\"]", "AvailabilityZoneId: use1-az2"), expect: .pass),
      .change(
        "both subnets in one zone ID",
        .edit(.template, "AvailabilityZone: !Select [0, !GetAZs \"\"]", "AvailabilityZoneId: use1-az1"),
        .edit(.template, "AvailabilityZone: !Select [1, !GetAZs \"\"]", "AvailabilityZoneId: use1-az1"), alsoFails: ["3.5"]),
      .change("a zone name beside a GetAZs index", .edit(.template, "AvailabilityZone: !Select [1, !GetAZs \"\"]", "AvailabilityZone: us-east-1b"), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let minimum = context.value("min-availability-zones"), let count = minimum.integer else { return .missingValue("min-availability-zones", of: "8.5") }
    let template = context.template
    guard !template.serviceLoadBalancers.isEmpty else { return context.withoutServiceLoadBalancers(for: "its subnets are checked", what: "scheme and subnets") }
    let publicSubnets = PublicSubnets.publicSubnets(in: template)
    var findings: [Finding] = []
    var unknown: [String] = []
    for balancer in template.serviceLoadBalancers {
      if let scheme = balancer["Scheme"], scheme.string != "internet-facing" {
        findings.append(.error("\(balancer.logicalID) has Scheme \(scheme.display); the dashboard's ALB must be internet-facing", at: scheme.location))
      }
      let subnets = balancer["Subnets"]?.items ?? (balancer["SubnetMappings"]?.list ?? []).compactMap { $0["SubnetId"] }
      for subnet in subnets {
        if let id = subnet.referencedResource, !publicSubnets.contains(id) {
          findings.append(.error("\(balancer.logicalID) uses \(id), which has no route 0.0.0.0/0 to an internet gateway", at: subnet.location))
        }
      }
      let (zones, unknownSubnets) = AvailabilityZones.of(subnets, in: template)
      let (least, most) = AvailabilityZones.distinctCount(zones)
      if least >= count { continue }
      if !unknownSubnets.isEmpty || most >= count {
        unknown.append("\(balancer.logicalID)'s subnets \(unknownSubnets.isEmpty ? "name their zones in different ways (zone names, zone IDs, GetAZs indexes)" : "\(unknownSubnets.joined(separator: ", ")) have zones not known from the files"), so whether they span \(count) zones cannot be decided")
        continue
      }
      findings.append(.error("\(balancer.logicalID) spans \(least) Availability Zone(s); \(minimum.cited) requires at least \(count)", at: balancer["Subnets"]?.location ?? balancer.location))
    }
    if findings.isEmpty, !unknown.isEmpty { return .needsEvidence(unknown.joined(separator: "; ")) }
    return context.limitedByOutsideTargetGroups(Verdict(findings: findings, passNote: "internet-facing in \(count)+ public zones"), what: "scheme and subnets")
  }
}

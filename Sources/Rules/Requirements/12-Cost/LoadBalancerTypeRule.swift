import TemplateModel

/// 12.6: the load balancer is an Application Load Balancer.
struct LoadBalancerTypeRule: Rule {
  static let definition = RuleDefinition(
    id: "load-balancer-type",
    requirements: ["12.6"],
    title: "Load balancer is an Application Load Balancer",
    rationale: "The cost model and the HTTP features (redirects, health check paths, stickiness) assume an ALB; ELBv2's default Type is application.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://aws.amazon.com/elasticloadbalancing/pricing/"],
    examples: [
      .compliant(),
      .change("network load balancer", .edit(.template, "      Type: application\n      Scheme: internet-facing", "      Type: network\n      Scheme: internet-facing"), alsoFails: ["*"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("load-balancer-type")?.text else { return .missingValue("load-balancer-type", of: "12.6") }
    let balancers = context.template.serviceLoadBalancers
    let classic = context.template.resources(ofType: "AWS::ElasticLoadBalancing::LoadBalancer")
    guard !balancers.isEmpty || !classic.isEmpty else {
      guard context.template.serviceTargetGroupReferences.outside.isEmpty else { return context.withoutServiceLoadBalancers(for: "requirement 12.6 needs an Application Load Balancer", what: "type") }
      return context.missing("load balancer", for: "requirement 12.6 needs an Application Load Balancer")
    }
    var findings: [Finding] = classic.map { .error("\($0.logicalID) is a Classic Load Balancer; \(expected) is required", at: $0.location) }
    for balancer in balancers {
      let type = balancer["Type"]?.string ?? "application"
      if type != expected {
        findings.append(.error("\(balancer.logicalID) has Type \(type); \(context.value("load-balancer-type")!.cited) requires \(expected)", at: balancer["Type"]?.location ?? balancer.location, path: "Resources/\(balancer.logicalID)/Properties/Type"))
      }
    }
    return context.limitedByOutsideTargetGroups(Verdict(findings: findings, passNote: "Type \(expected)"), what: "type")
  }
}

import TemplateModel

/// 9.4: ALB metrics (TargetResponseTime, HealthyHostCount, UnHealthyHostCount,
/// HTTPCode_Target_5XX_Count) exist — inherent to an Application Load Balancer with a
/// target group.
struct LoadBalancerMetricsRule: Rule {
  static let definition = RuleDefinition(
    id: "load-balancer-metrics",
    requirements: ["9.4"],
    title: "Application Load Balancer metrics are published",
    rationale: "ELBv2 publishes these metrics in AWS/ApplicationELB for every application load balancer and target group, at no charge.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html"],
    examples: [
      .compliant(),
      .change("a Network Load Balancer publishes other metrics", .edit(.template, "      Type: application\n      Scheme: internet-facing", "      Type: network\n      Scheme: internet-facing"), alsoFails: ["12.6", "5.1", "5.2", "5.3", "8.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    guard !template.serviceLoadBalancers.isEmpty else { return context.withoutServiceLoadBalancers(for: "it publishes the metrics", what: "type (which decides its metrics)") }
    return context.limitedByOutsideTargetGroups(Verdict(findings: template.serviceLoadBalancers.compactMap { balancer in
      let type = balancer["Type"]?.string ?? "application"
      if type == "application" { return nil }
      return .error("\(balancer.logicalID) is a \(type) load balancer; TargetResponseTime and HTTPCode_Target_5XX_Count exist only for application load balancers", at: balancer["Type"]?.location ?? balancer.location)
    }, passNote: "AWS/ApplicationELB metrics (inherent)"), what: "type (which decides its metrics)")
  }
}

import TemplateModel

/// 5.7: the stack outputs the load balancer's DNS name.
struct ALBDNSOutputRule: Rule {
  static let definition = RuleDefinition(
    id: "alb-dns-output",
    requirements: ["5.7"],
    title: "Stack outputs the ALB DNS name",
    rationale: "The deploy script and the runbook read the dashboard's address from the stack outputs (`!GetAtt <LoadBalancer>.DNSName`).",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html#aws-resource-elasticloadbalancingv2-loadbalancer-return-values"],
    examples: [
      .compliant(),
      .change("output removed", .edit(.template, "  LoadBalancerDnsName:\n    Description: DNS name of the Application Load Balancer\n    Value: !GetAtt LoadBalancer.DNSName\n", ""), alsoFails: ["10.3", "11.7"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    guard let balancer = template.serviceLoadBalancers.first else { return context.withoutServiceLoadBalancers(for: "its DNS name is an output", what: "DNS name") }
    let outputs = template.outputs.filter { output in
      if case .attribute(balancer.logicalID, "DNSName") = output.value?.unresolved { return true }
      return false
    }
    guard let output = outputs.first else {
      return .fail(.error("no output has the value !GetAtt \(balancer.logicalID).DNSName\(context.inEnvironment)", at: template.template.outputs.first?.location ?? context.templateStart, path: "Outputs"))
    }
    return context.limitedByOutsideTargetGroups(.pass("output \(output.name) = !GetAtt \(balancer.logicalID).DNSName", evidence: [output.location]), what: "DNS name")
  }
}

import TemplateModel

/// 5.1: the load balancer listens on HTTP 80 and HTTPS 443, the HTTPS listener with a
/// certificate in every env.
struct ALBListenersRule: Rule {
  static let definition = RuleDefinition(
    id: "alb-listeners",
    requirements: ["5.1"],
    title: "ALB listens on HTTP and HTTPS with a certificate",
    rationale: "Users reach the dashboard on 443; port 80 stays open only to redirect. ELBv2 rejects an HTTPS listener without Certificates, so a condition or parameter that leaves the certificate out in one env breaks that env's deploy.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html"],
    examples: [
      .compliant(),
      .change(
        "the service registers with another stack's target group (the load balancer in front of it is set there)",
        OutsideResourceEdits.serviceRegistersWithImportedTargetGroup, expect: .needsEvidence),
      .change(
        "the HTTPS listener's LoadBalancerArn is the load balancer's DNS name",
        .edit(.template, "LoadBalancerArn: !Ref LoadBalancer\n      Port: 443", "LoadBalancerArn: !GetAtt LoadBalancer.DNSName\n      Port: 443")),
      .change("HTTPS listener without certificate", .edit(.template, "      Certificates:\n        - CertificateArn: !Ref Certificate\n", "")),
      .change("HTTPS listener on 8443", .edit(.template, "      Port: 443\n      Protocol: HTTPS", "      Port: 8443\n      Protocol: HTTPS"), alsoFails: ["5.3"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let http = context.value("http-port")?.integer, let https = context.value("https-port")?.integer else { return .missingValue("http-port/https-port", of: "5.1") }
    let template = context.template
    guard !template.serviceLoadBalancers.isEmpty else { return context.withoutServiceLoadBalancers(for: "requirement 5.1 needs its listeners", what: "listeners") }
    // A listener attaches to the load balancer its LoadBalancerArn gives: another attribute
    // there (the DNS name), another Type or a removed resource fails the deploy, and the
    // listener is no load balancer's.
    let detached = template.resources(ofType: EvaluatedTemplate.listenerType).compactMap { listener in
      context.faultyReferenceFinding(
        listener["LoadBalancerArn"], property: "LoadBalancerArn", of: listener.logicalID, expected: EvaluatedTemplate.loadBalancerType,
        noun: "load balancer", path: "Resources/\(listener.logicalID)/Properties/LoadBalancerArn")
    }
    return context.limitedByOutsideTargetGroups(Verdict(findings: detached + template.serviceLoadBalancers.flatMap { balancer -> [Finding] in
      let listeners = template.listeners(of: balancer)
      var findings: [Finding] = []
      if !listeners.contains(where: { $0["Port"]?.int == http && $0["Protocol"]?.string == "HTTP" }) {
        findings.append(.error("\(balancer.logicalID) has no HTTP listener on port \(http)\(context.inEnvironment)", at: balancer.location))
      }
      let secure = listeners.filter { $0["Port"]?.int == https && $0["Protocol"]?.string == "HTTPS" }
      if secure.isEmpty {
        findings.append(.error("\(balancer.logicalID) has no HTTPS listener on port \(https)\(context.inEnvironment); listeners: \(listeners.map { "\($0.logicalID) \($0["Protocol"]?.display ?? "?") \($0["Port"]?.display ?? "?")" }.joined(separator: ", "))", at: listeners.first { $0["Protocol"]?.string == "HTTPS" }.flatMap { $0["Port"]?.location } ?? balancer.location))
      }
      for listener in listeners where ["HTTPS", "TLS"].contains(listener["Protocol"]?.string ?? "") {
        let certificate = listener["Certificates"]?.list?.first?["CertificateArn"]
        if certificate == nil || certificate?.string == "" {
          findings.append(.error("\(listener.logicalID) has Protocol \(listener["Protocol"]!.display) but no certificate\(context.inEnvironment); ELBv2 rejects it (\"A certificate must be specified for HTTPS listeners\")", at: listener["Certificates"]?.location ?? listener["Protocol"]!.location, path: "Resources/\(listener.logicalID)/Properties/Certificates"))
        } else if case .parameter(let name) = certificate?.unresolved {
          findings.append(.error("\(listener.logicalID)'s certificate comes from parameter \(name), which has no value\(context.inEnvironment)", at: certificate!.location))
        }
      }
      return findings
    }, passNote: "HTTP \(http) and HTTPS \(https) with a certificate"), what: "listeners")
  }
}

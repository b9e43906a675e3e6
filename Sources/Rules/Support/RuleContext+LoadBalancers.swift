import TemplateModel

extension RuleContext {
  /// `verdict` limited by the services that register with a target group this template
  /// does not define (`EvaluatedTemplate.serviceTargetGroupReferences`,
  /// `limited(_:byOutside:expected:what:)`): the load balancer in front of it, and so its
  /// `what`, is configured outside these files. A failure of the template's own load
  /// balancer stands.
  /// A reference that certainly names no target group (another Type or attribute, a
  /// removed resource) fails the target group's rows (5.3 to 5.6), not the load
  /// balancer's, and is left out here.
  func limitedByOutsideTargetGroups(_ verdict: Verdict, what: String) -> Verdict {
    limited(verdict, byOutside: outsideTargetGroups, expected: EvaluatedTemplate.targetGroupType, what: what)
  }

  /// The services' target-group references to target groups defined elsewhere.
  private var outsideTargetGroups: [OutsideReference] {
    let type = EvaluatedTemplate.targetGroupType
    return template.serviceTargetGroupReferences.outside.filter { template.faultyReference($0.value, expected: type) == nil }
  }

  /// The verdict of a rule about the services' load balancers when the template has none:
  /// needs-evidence when the services register with target groups defined elsewhere (a
  /// nested stack's, an import), else a failure for the missing load balancer.
  func withoutServiceLoadBalancers(for purpose: String, what: String) -> Verdict {
    guard !outsideTargetGroups.isEmpty else { return missing(EvaluatedTemplate.loadBalancerType, for: purpose) }
    return limitedByOutsideTargetGroups(.pass(""), what: what)
  }
}

import TemplateModel

/// What an alarm on the service's load balancer metrics must name, by logical ID, in one
/// evaluated template: computed once per template and shared by its alarms, so checking
/// n alarms costs n times the size of an alarm, not n scans of the template.
struct AlarmTargets {
  /// The target groups the services register with (every target group of the template
  /// when no service names one): what the `TargetGroup` dimension must be the full name of.
  var targetGroups: Set<String>
  /// The load balancers with a listener, or a listener rule, that forwards to one of
  /// `targetGroups`: what the `LoadBalancer` dimension must be the full name of.
  var loadBalancers: Set<String>
  /// The SNS topics of the template: where `AlarmActions` must send.
  var topics: Set<String>

  init(_ template: EvaluatedTemplate) {
    let serviceGroups = template.serviceTargetGroups
    let groups = Set((serviceGroups.isEmpty ? template.targetGroups : serviceGroups).map(\.logicalID))
    targetGroups = groups
    loadBalancers = Set(
      template.loadBalancers.filter { balancer in
        template.listeners(of: balancer).contains { listener in
          !listener.properties.entries.allSatisfy { $0.value.mentionedResources.isDisjoint(with: groups) }
            || template.listenerRules(of: listener).contains { rule in rule["Actions"].map { !$0.mentionedResources.isDisjoint(with: groups) } ?? false }
        }
      }.map(\.logicalID))
    topics = Set(template.resources(ofType: "AWS::SNS::Topic").map(\.logicalID))
  }
}

import TemplateModel

/// What an alarm on the service's load balancer metrics must name, by logical ID, in one
/// evaluated template: computed once per template and shared by its alarms, so checking
/// n alarms costs n times the size of an alarm, not n scans of the template.
struct AlarmTargets {
  /// The target groups of this template the services register with (every target group
  /// of the template when no service registers with one, here or elsewhere): what the
  /// `TargetGroup` dimension must be the full name of. Empty when the services register
  /// only with target groups defined elsewhere.
  var targetGroups: Set<String>
  /// The load balancers with a listener, or a listener rule, that forwards to one of
  /// `targetGroups`: what the `LoadBalancer` dimension must be the full name of.
  var loadBalancers: Set<String>
  /// The SNS topics of the template: where `AlarmActions` must send.
  var topics: Set<String>

  init(_ template: EvaluatedTemplate) {
    let serviceGroups = template.serviceTargetGroupReferences
    let groups = Set((serviceGroups.isEmpty ? template.targetGroups : serviceGroups.inTemplate).map(\.logicalID))
    targetGroups = groups
    loadBalancers = Set(template.loadBalancers(forwardingToAnyOf: groups).map(\.logicalID))
    topics = Set(template.resources(ofType: "AWS::SNS::Topic").map(\.logicalID))
  }
}

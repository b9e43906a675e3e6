import TemplateModel

/// The target groups a list of ELBv2 actions (a listener's `DefaultActions`, a listener
/// rule's `Actions`) forwards to, with their weights: `TargetGroupArn` of a `forward`
/// action (all requests), or each `TargetGroups` entry of its `ForwardConfig` (a share
/// of requests in proportion to `Weight`, 0 to 999; a group of weight 0 gets none).
/// Reference: "AWS::ElasticLoadBalancingV2::Listener Action" and "TargetGroupTuple",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-listener-action.html
struct ForwardTargets {
  struct Target {
    var targetGroup: EvaluatedNode
    /// nil when not written (a group alone in a forward action gets every request) or
    /// not known before deploy.
    var weight: Int?
  }

  var targets: [Target] = []
  /// The action types, in order (`forward`, `redirect`, `fixed-response`, ...).
  var types: [String] = []

  init(_ actions: [EvaluatedNode]) {
    for action in actions {
      let type = action["Type"]?.string ?? "?"
      types.append(type)
      guard type == "forward" else { continue }
      if let groups = action["ForwardConfig"]?["TargetGroups"]?.list {
        targets += groups.compactMap { entry in entry["TargetGroupArn"].map { Target(targetGroup: $0, weight: entry["Weight"]?.int) } }
      } else if let group = action["TargetGroupArn"] {
        targets.append(Target(targetGroup: group, weight: nil))
      }
    }
  }

  /// The entries that forward to one of `groups` (logical IDs).
  func targets(in groups: Set<String>) -> [Target] {
    targets.filter { target in groups.contains { target.targetGroup.mentions($0) } }
  }

  /// Whether some requests reach one of `groups`: a forward to it whose weight is not 0.
  func reaches(_ groups: Set<String>) -> Bool {
    targets(in: groups).contains { $0.weight != 0 }
  }

  /// Entries with a weight other than 0 that forward elsewhere than `groups`.
  func elsewhere(than groups: Set<String>) -> [Target] {
    targets.filter { target in target.weight != 0 && !groups.contains { target.targetGroup.mentions($0) } }
  }

  /// Failures for the entries whose `TargetGroupArn` certainly names no target group
  /// (another attribute, another Type, a removed resource): ELB rejects the action.
  /// `owner` is the listener or listener rule the actions belong to.
  func faultyTargets(of owner: String, in context: RuleContext, path: String) -> [Finding] {
    targets.compactMap { target in
      context.faultyReferenceFinding(target.targetGroup, property: "TargetGroupArn", of: owner, expected: EvaluatedTemplate.targetGroupType, noun: "target group", path: path)
    }
  }
}

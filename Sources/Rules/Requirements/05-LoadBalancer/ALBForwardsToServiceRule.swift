import TemplateModel

/// 5.3: the HTTPS listener forwards to the target group the service registers its tasks
/// in, so traffic spreads over the healthy tasks.
struct ALBForwardsToServiceRule: Rule {
  static let definition = RuleDefinition(
    id: "alb-forwards-to-service",
    requirements: ["5.3"],
    title: "HTTPS listener forwards to the service's target group",
    rationale: "The ALB balances each request over the healthy targets of the group it forwards to; that group must be the one the ECS service registers its tasks in, with TargetType ip (awsvpc tasks have their own IP).",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html"],
    examples: [
      .compliant(),
      .change("target type instance", .edit(.template, "      TargetType: ip", "      TargetType: instance")),
      .change("HTTPS listener returns a fixed response", .edit(.template, "        - Type: forward\n          TargetGroupArn: !Ref TargetGroup\n\n  # -----", "        - Type: fixed-response\n          FixedResponseConfig:\n            StatusCode: \"503\"\n\n  # -----")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let https = context.value("https-port", of: "5.1")?.integer else { return .missingValue("https-port", of: "5.1") }
    let template = context.template
    let serviceGroups = Set(template.serviceTargetGroups.map(\.logicalID))
    guard !serviceGroups.isEmpty else { return context.missing("service registered with a target group", for: "the ALB forwards to it") }
    var findings: [Finding] = []
    for group in template.targetGroups where serviceGroups.contains(group.logicalID) {
      if group["TargetType"]?.string != "ip" {
        findings.append(.error("\(group.logicalID) has TargetType \(group["TargetType"]?.display ?? "unset (instance)"); Fargate tasks register by IP, so it must be ip", at: group["TargetType"]?.location ?? group.propertiesLocation, path: "Resources/\(group.logicalID)/Properties/TargetType"))
      }
    }
    let listeners = template.resources(ofType: EvaluatedTemplate.listenerType).filter { $0["Port"]?.int == https }
    for listener in listeners {
      let actions = listener["DefaultActions"]?.list ?? []
      let forwarded = actions.filter { $0["Type"]?.string == "forward" }.flatMap { action in
        [action["TargetGroupArn"]].compactMap { $0 } + (action["ForwardConfig"]?["TargetGroups"]?.list ?? []).compactMap { $0["TargetGroupArn"] }
      }
      if !forwarded.contains(where: { node in serviceGroups.contains { node.mentions($0) } }) {
        findings.append(.error("\(listener.logicalID) on port \(https) does not forward to the service's target group (\(serviceGroups.sorted().joined(separator: ", "))); its default action is \(actions.compactMap { $0["Type"]?.string }.joined(separator: ", "))", at: listener["DefaultActions"]?.location ?? listener.location, path: "Resources/\(listener.logicalID)/Properties/DefaultActions"))
      }
    }
    if listeners.isEmpty { findings.append(.error("no listener on port \(https) forwards traffic to the service", at: context.templateStart)) }
    return Verdict(findings: findings, passNote: "HTTPS \(https) forwards to \(serviceGroups.sorted().joined(separator: ", ")) (ip targets)")
  }
}

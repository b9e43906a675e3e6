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
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html",
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-listener-targetgrouptuple.html",
    ],
    examples: [
      .compliant(),
      .change(
        "the service registers with another stack's target group (which listener forwards to it is set there)",
        OutsideResourceEdits.serviceRegistersWithImportedTargetGroup, expect: .needsEvidence),
      .change(
        "the HTTPS listener forwards to the target group's name, not its ARN",
        .edit(.template, "        - Type: forward\n          TargetGroupArn: !Ref TargetGroup\n\n  # -----", "        - Type: forward\n          TargetGroupArn: !GetAtt TargetGroup.TargetGroupName\n\n  # -----")),

      .change("target type instance", .edit(.template, "      TargetType: ip", "      TargetType: instance")),
      .change(
        "the service's target group gets weight 0 in a weighted forward",
        .edit(.template, "        - Type: forward\n          TargetGroupArn: !Ref TargetGroup\n\n  # -----", "        - Type: forward\n          ForwardConfig:\n            TargetGroups:\n              - TargetGroupArn: !Ref TargetGroup\n                Weight: 0\n\n  # -----")),
      .change(
        "a listener rule on the HTTPS listener answers /admin with a fixed response",
        .edit(.template, "  # ---------------------------------------------------------------------------\n  # Alarms and notifications", """
            AdminRule:
              Type: AWS::ElasticLoadBalancingV2::ListenerRule
              Properties:
                ListenerArn: !Ref HttpsListener
                Priority: 10
                Conditions:
                  - Field: path-pattern
                    PathPatternConfig:
                      Values: ["/admin/*"]
                Actions:
                  - Type: fixed-response
                    FixedResponseConfig:
                      StatusCode: "404"

            # ---------------------------------------------------------------------------
            # Alarms and notifications
          """), expect: .warn),
      .change("HTTPS listener returns a fixed response", .edit(.template, "        - Type: forward\n          TargetGroupArn: !Ref TargetGroup\n\n  # -----", "        - Type: fixed-response\n          FixedResponseConfig:\n            StatusCode: \"503\"\n\n  # -----")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let https = context.value("https-port", of: "5.1")?.integer else { return .missingValue("https-port", of: "5.1") }
    let template = context.template
    let references = template.serviceTargetGroupReferences
    let serviceGroups = Set(references.inTemplate.map(\.logicalID))
    guard !serviceGroups.isEmpty else {
      guard references.outside.isEmpty else {
        return context.limited(.pass(""), byOutside: references.outside, expected: EvaluatedTemplate.targetGroupType, what: "load balancer and listener")
      }
      return context.missing("service registered with a target group", misspelt: EvaluatedTemplate.targetGroupType, for: "the ALB forwards to it")
    }
    var findings: [Finding] = []
    for group in template.targetGroups where serviceGroups.contains(group.logicalID) {
      if group["TargetType"]?.string != "ip" {
        findings.append(.error("\(group.logicalID) has TargetType \(group["TargetType"]?.display ?? "unset (instance)"); Fargate tasks register by IP, so it must be ip", at: group["TargetType"]?.location ?? group.propertiesLocation, path: "Resources/\(group.logicalID)/Properties/TargetType"))
      }
    }
    let listeners = template.serviceListeners(onPort: https)
    let names = serviceGroups.sorted().joined(separator: ", ")
    for listener in listeners {
      let actions = listener["DefaultActions"]?.list ?? []
      let forward = ForwardTargets(actions)
      let at = listener["DefaultActions"]?.location ?? listener.location
      let path = "Resources/\(listener.logicalID)/Properties/DefaultActions"
      let wrongTargets = forward.faultyTargets(of: listener.logicalID, in: context, path: path)
      if !wrongTargets.isEmpty {
        findings += wrongTargets
      } else if !forward.reaches(serviceGroups) {
        if let weighted = forward.targets(in: serviceGroups).first {
          findings.append(.error("\(listener.logicalID) on port \(https) forwards to \(weighted.targetGroup.display) with Weight 0 in its ForwardConfig: the service's tasks receive no requests", at: weighted.targetGroup.location, path: path))
        } else {
          findings.append(.error("\(listener.logicalID) on port \(https) does not forward to the service's target group (\(names)); its default action is \(forward.types.joined(separator: ", "))", at: at, path: path))
        }
      } else if !forward.elsewhere(than: serviceGroups).isEmpty {
        findings.append(.warning("\(listener.logicalID) on port \(https) sends a weighted share of requests to \(Self.describe(forward.elsewhere(than: serviceGroups))) besides the service's target group (\(names))", at: at, path: path))
      }
      // A listener rule's actions replace the default action for the requests it matches.
      for rule in template.listenerRules(of: listener) {
        let ruled = ForwardTargets(rule["Actions"]?.list ?? [])
        let ruleAt = rule["Actions"]?.location ?? rule.location
        let rulePath = "Resources/\(rule.logicalID)/Properties/Actions"
        let wrongRuled = ruled.faultyTargets(of: rule.logicalID, in: context, path: rulePath)
        if !wrongRuled.isEmpty {
          findings += wrongRuled
        } else if !ruled.reaches(serviceGroups) {
          let goes = ruled.targets.isEmpty ? ruled.types.joined(separator: ", ") : "forward to \(Self.describe(ruled.targets))"
          findings.append(.warning("listener rule \(rule.logicalID) on \(listener.logicalID) sends the requests it matches to \(goes), not to the service's target group (\(names))", at: ruleAt, path: rulePath))
        } else if !ruled.elsewhere(than: serviceGroups).isEmpty {
          findings.append(.warning("listener rule \(rule.logicalID) on \(listener.logicalID) sends a weighted share of the requests it matches to \(Self.describe(ruled.elsewhere(than: serviceGroups)))", at: ruleAt, path: rulePath))
        }
      }
    }
    if listeners.isEmpty { findings.append(.error("no listener on port \(https) forwards traffic to the service", at: context.templateStart)) }
    return Verdict(findings: findings, passNote: "HTTPS \(https) forwards to \(names) (ip targets)")
  }

  /// "!Ref Other (weight 3), !Ref Canary".
  static func describe(_ targets: [ForwardTargets.Target]) -> String {
    targets.map { "\($0.targetGroup.display)\($0.weight.map { " (weight \($0))" } ?? "")" }.joined(separator: ", ")
  }
}

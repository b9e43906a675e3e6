import Requirements
import TemplateModel

/// 5.4, 5.5, 5.6: the target group checks the health path at the interval, with the
/// healthy and unhealthy thresholds, on the port the tasks serve. An unset property is
/// judged by the ELBv2 default (`defaultValue`).
struct TargetGroupHealthCheckRule: Rule {
  static let definition = RuleDefinition(
    id: "target-group-health-check",
    requirements: ["5.4", "5.5", "5.6"],
    title: "Target group health check uses the health path, interval and thresholds",
    rationale: "The ALB routes only to targets its health check marks healthy; the path must be Streamlit's health endpoint on the port the tasks serve, and the thresholds decide how fast a failing task stops getting requests. An unset value is judged by the ELBv2 default (path /, interval 30 s, 5 healthy, 2 unhealthy for HTTP target groups).",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html"],
    examples: [
      .compliant(),
      .change(
        "the service registers with another stack's target group (its health check is set there)",
        OutsideResourceEdits.serviceRegistersWithImportedTargetGroup, expect: .needsEvidence),
      .change(
        "the service names its target group by name where its ARN goes (no target group of this template gets the tasks)",
        OutsideResourceEdits.serviceNamesTargetGroupByName, alsoFails: ["5.3"]),
      .change("health check on /", .edit(.template, "HealthCheckPath: /_stcore/health", "HealthCheckPath: /")),
      .change("unhealthy after 5", .edit(.template, "UnhealthyThresholdCount: 3", "UnhealthyThresholdCount: 5")),
      .change("healthy after 5", .edit(.template, "HealthyThresholdCount: 2", "HealthyThresholdCount: 5")),
      .change("interval unset (ELBv2 default 30 s for HTTP)", .edit(.template, "      HealthCheckIntervalSeconds: 30\n", ""), expect: .pass),
      .change("healthy threshold unset (ELBv2 default 5)", .edit(.template, "      HealthyThresholdCount: 2\n", "")),
      .change("health check on port 8080 while tasks serve 8501", .edit(.template, "      HealthCheckProtocol: HTTP\n", "      HealthCheckProtocol: HTTP\n      HealthCheckPort: \"8080\"\n")),
      .change("health check on the traffic port", .edit(.template, "      HealthCheckProtocol: HTTP\n", "      HealthCheckProtocol: HTTP\n      HealthCheckPort: traffic-port\n"), expect: .pass),
      .change("health check on port 8501, the traffic port", .edit(.template, "      HealthCheckProtocol: HTTP\n", "      HealthCheckProtocol: HTTP\n      HealthCheckPort: \"8501\"\n"), expect: .pass),
      .change("checks every 10 s", .edit(.template, "HealthCheckIntervalSeconds: 30", "HealthCheckIntervalSeconds: 10")),
      .change(
        "the target group's Type misspelt (no target group holds the health check)",
        .edit(.template, "    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n", "    Type: AWS::ElasticLoadBalancingV2::TargetGrup\n"), alsoFails: ["5.3", "10.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let path = context.value("health-path", of: "5.4"), let interval = context.value("interval", of: "5.4"),
      let unhealthy = context.value("unhealthy-threshold", of: "5.5"), let healthy = context.value("healthy-threshold", of: "5.6")
    else { return .missingValue("health-path/interval/thresholds", of: "5.4") }
    let template = context.template
    let references = template.serviceTargetGroupReferences
    let groups = references.isEmpty ? template.targetGroups : references.inTemplate
    guard !groups.isEmpty || !references.outside.isEmpty else { return context.missing("AWS::ElasticLoadBalancingV2::TargetGroup", for: "its health check decides which tasks get traffic") }
    var findings: [Finding] = []
    for group in groups {
      let checks: [(String, RequirementValueCheck)] = [
        ("HealthCheckPath", .text(path.text, path)),
        ("HealthCheckIntervalSeconds", .integer(interval.integer ?? -1, interval)),
        ("UnhealthyThresholdCount", .integer(unhealthy.integer ?? -1, unhealthy)),
        ("HealthyThresholdCount", .integer(healthy.integer ?? -1, healthy)),
      ]
      for (property, check) in checks {
        let node = group[property]
        let shown: String
        if let node {
          guard !check.accepts(node) else { continue }
          shown = node.display
        } else {
          // Unset: ELBv2 applies its default, which may be the required value.
          if let fallback = Self.defaultValue(property, of: group) {
            if check.accepts(fallback) { continue }
            shown = "unset (ELBv2 default \(fallback))"
          } else {
            shown = "unset (ELBv2 default)"
          }
        }
        var finding = Finding.error("\(group.logicalID) has \(property) \(shown); \(check.value.cited) requires \(check.expected)", at: node?.location ?? group.propertiesLocation, path: "Resources/\(group.logicalID)/Properties/\(property)")
        finding.onlyRequirements = [check.value.requirementID(among: ["5.4", "5.5", "5.6"], property: property)]
        findings.append(finding)
      }
      if let finding = healthCheckPortFinding(group, template: template) { findings.append(finding) }
    }
    let verdict = Verdict(findings: findings, passNote: groups.isEmpty ? "" : "GET \(path.text) every \(interval.written), healthy after \(healthy.written), unhealthy after \(unhealthy.written)")
    return context.limited(verdict, byOutside: references.outside, expected: EvaluatedTemplate.targetGroupType, what: "health check")
  }
}

extension TargetGroupHealthCheckRule {
  /// The value ELBv2 uses for an unset health check property of `group`, as text
  /// ("AWS::ElasticLoadBalancingV2::TargetGroup",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html;
  /// CreateTargetGroup, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html):
  /// interval 30 s for TCP, TLS, UDP, TCP_UDP, HTTP and HTTPS target groups (10 s for
  /// GENEVE, 35 s for lambda targets); healthy threshold 5; unhealthy threshold 2 (5 for
  /// lambda targets); path `/`. Nil when the group's protocol or target type is not known.
  static func defaultValue(_ property: String, of group: EvaluatedResource) -> String? {
    let lambda = group["TargetType"]?.string == "lambda"
    let protocolNode = group["Protocol"]
    if protocolNode != nil && protocolNode?.string == nil || group["TargetType"] != nil && group["TargetType"]?.string == nil { return nil }
    let geneve = protocolNode?.string == "GENEVE"
    switch property {
    case "HealthCheckIntervalSeconds": return lambda ? "35" : geneve ? "10" : "30"
    case "HealthyThresholdCount": return "5"
    case "UnhealthyThresholdCount": return lambda ? "5" : "2"
    case "HealthCheckPath": return "/"
    default: return nil
    }
  }

  /// 5.4: the health check must reach the port the app serves on: `HealthCheckPort`
  /// unset or `traffic-port` (the port each target is registered on: for an ECS service,
  /// its load balancer entry's ContainerPort), or that same number
  /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
  func healthCheckPortFinding(_ group: EvaluatedResource, template: EvaluatedTemplate) -> Finding? {
    guard let node = group["HealthCheckPort"], let text = node.string, text != "traffic-port" else { return nil }
    var traffic: [(port: Int, what: String)] = []
    for service in template.services {
      for binding in template.loadBalancerBindings(of: service) where template.resource(referencedBy: binding["TargetGroupArn"], ofType: EvaluatedTemplate.targetGroupType)?.logicalID == group.logicalID {
        if let port = binding["ContainerPort"]?.int { traffic.append((port, "\(service.logicalID) registers its tasks on \(port)")) }
      }
    }
    if traffic.isEmpty, let port = group["Port"]?.int { traffic.append((port, "the target group's Port is \(port)")) }
    guard let first = traffic.first, Int(text) != first.port || traffic.contains(where: { $0.port != first.port }) else { return nil }
    var finding = Finding.error("\(group.logicalID) has HealthCheckPort \(text) while \(first.what), the traffic port the app listens on; the load balancer probes a port nobody serves and marks every task unhealthy (use traffic-port)", at: node.location, path: "Resources/\(group.logicalID)/Properties/HealthCheckPort")
    finding.onlyRequirements = ["5.4"]
    return finding
  }
}

/// One expected value of a property, for rules that check several.
enum RequirementValueCheck {
  case text(String, RequirementValue)
  case integer(Int, RequirementValue)

  var value: RequirementValue {
    switch self {
    case .text(_, let value), .integer(_, let value): value
    }
  }

  var expected: String {
    switch self {
    case .text(let text, _): text
    case .integer(let number, _): String(number)
    }
  }

  /// Whether a default value (as text) is the expected one.
  func accepts(_ text: String) -> Bool {
    switch self {
    case .text(let expected, _): text == expected
    case .integer(let number, _): Int(text) == number
    }
  }

  func accepts(_ node: EvaluatedNode?) -> Bool {
    switch self {
    case .text(let text, _): node?.string == text
    case .integer(let number, _): node?.int == number
    }
  }
}

extension RequirementValue {
  /// Which of `ids` a property belongs to: the health path and interval are 5.4, the
  /// unhealthy threshold 5.5, the healthy threshold 5.6.
  func requirementID(among ids: [RequirementID], property: String) -> RequirementID {
    switch property {
    case "UnhealthyThresholdCount": ids[1]
    case "HealthyThresholdCount": ids[2]
    default: ids[0]
    }
  }
}

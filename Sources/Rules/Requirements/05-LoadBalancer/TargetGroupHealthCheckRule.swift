import Requirements
import TemplateModel

/// 5.4, 5.5, 5.6: the target group checks the health path at the interval, with the
/// healthy and unhealthy thresholds.
struct TargetGroupHealthCheckRule: Rule {
  static let definition = RuleDefinition(
    id: "target-group-health-check",
    requirements: ["5.4", "5.5", "5.6"],
    title: "Target group health check uses the health path, interval and thresholds",
    rationale: "The ALB routes only to targets its health check marks healthy; the path must be Streamlit's health endpoint and the thresholds decide how fast a failing task stops getting requests. ELBv2 defaults (path /, 5 unhealthy, 5 healthy for ip targets) differ from the requirements, so an unset value fails.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html"],
    examples: [
      .compliant(),
      .change("health check on /", .edit(.template, "HealthCheckPath: /_stcore/health", "HealthCheckPath: /")),
      .change("unhealthy after 5", .edit(.template, "UnhealthyThresholdCount: 3", "UnhealthyThresholdCount: 5")),
      .change("healthy after 5", .edit(.template, "HealthyThresholdCount: 2", "HealthyThresholdCount: 5")),
      .change("checks every 10 s", .edit(.template, "HealthCheckIntervalSeconds: 30", "HealthCheckIntervalSeconds: 10")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let path = context.value("health-path", of: "5.4"), let interval = context.value("interval", of: "5.4"),
      let unhealthy = context.value("unhealthy-threshold", of: "5.5"), let healthy = context.value("healthy-threshold", of: "5.6")
    else { return .missingValue("health-path/interval/thresholds", of: "5.4") }
    let template = context.template
    let groups = template.serviceTargetGroups.isEmpty ? template.targetGroups : template.serviceTargetGroups
    guard !groups.isEmpty else { return context.missing("AWS::ElasticLoadBalancingV2::TargetGroup", for: "its health check decides which tasks get traffic") }
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
        guard !check.accepts(node) else { continue }
        var finding = Finding.error("\(group.logicalID) has \(property) \(node?.display ?? "unset (ELBv2 default)"); \(check.value.cited) requires \(check.expected)", at: node?.location ?? group.propertiesLocation, path: "Resources/\(group.logicalID)/Properties/\(property)")
        finding.onlyRequirements = [check.value.requirementID(among: ["5.4", "5.5", "5.6"], property: property)]
        findings.append(finding)
      }
    }
    return Verdict(findings: findings, passNote: "GET \(path.text) every \(interval.written), healthy after \(healthy.written), unhealthy after \(unhealthy.written)")
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

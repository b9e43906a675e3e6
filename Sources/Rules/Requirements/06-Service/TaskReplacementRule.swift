import TemplateModel

/// 6.2: a failed task is replaced within 60 s. ECS does it by itself for a service; how
/// fast can only be measured, so the rule checks what makes replacement possible and asks
/// for evidence.
struct TaskReplacementRule: Rule {
  static let definition = RuleDefinition(
    id: "task-replacement",
    requirements: ["6.2"],
    title: "Failed tasks are replaced by the service scheduler",
    rationale: "The service scheduler (REPLICA strategy) starts a new task when one stops or fails its health checks; the time it takes depends on image pull and start-up, which no file decides.",
    scope: .perEnvironment, kind: .evidence, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html#service_scheduler"],
    examples: [
      .compliant("this repository: replacement is configured, its speed needs a measurement", environment: nil).expecting(.needsEvidence),
      .change("DAEMON scheduling is not available on Fargate", .edit(.template, "      AvailabilityZoneRebalancing: ENABLED", "      SchedulingStrategy: DAEMON\n      AvailabilityZoneRebalancing: ENABLED")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let limit = context.value("replacement-time") else { return .missingValue("replacement-time", of: "6.2") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its scheduler replaces failed tasks") }
    let findings: [Finding] = template.services.compactMap { service in
      guard let strategy = service["SchedulingStrategy"], strategy.string != "REPLICA" else { return nil }
      return .error("\(service.logicalID) has SchedulingStrategy \(strategy.display); Fargate services replace failed tasks only with REPLICA", at: strategy.location)
    }
    guard findings.isEmpty else { return Verdict(findings: findings, passNote: "") }
    return .needsEvidence("the REPLICA scheduler replaces failed tasks; whether within \(limit.written) needs a measurement (stop a task and time the replacement)")
  }
}

extension RuleExample {
  /// The same example with another expected verdict.
  func expecting(_ expected: Expectation) -> RuleExample {
    var copy = self
    copy.expected = expected
    return copy
  }
}

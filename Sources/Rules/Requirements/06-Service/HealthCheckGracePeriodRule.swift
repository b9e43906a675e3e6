import TemplateModel

/// 6.6: the health-check grace period is the required one, and long enough for the
/// container to start: at least the container health check's StartPeriod and the time the
/// ALB needs to see it healthy (HealthyThresholdCount × HealthCheckIntervalSeconds).
struct HealthCheckGracePeriodRule: Rule {
  static let definition = RuleDefinition(
    id: "service-grace-period",
    requirements: ["6.6"],
    title: "Health-check grace period covers the container's start-up",
    rationale: "Without a grace period ECS acts on ALB health checks from the first second: a slow-starting container is marked unhealthy and replaced in a loop. The required value and the physical minimum are reported separately when they disagree.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html#sd-healthcheckgraceperiodseconds"],
    examples: [
      .compliant(),
      .change("no grace period", .edit(.template, "      HealthCheckGracePeriodSeconds: 60\n", "")),
      .change("container needs 90 s to start", .edit(.template, "            StartPeriod: 60", "            StartPeriod: 90")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let required = context.value("grace-period"), let seconds = required.integer else { return .missingValue("grace-period", of: "6.6") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "it sets the grace period") }
    var findings: [Finding] = []
    var readStartPeriods = false
    var readTargetGroups = false
    // The grace period also covers container health checks, so a service without a load
    // balancer needs it too ("healthCheckGracePeriodSeconds", CreateService:
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
    for service in template.services {
      let node = service["HealthCheckGracePeriodSeconds"]
      let grace = node?.int ?? 0
      let at = node?.location ?? service.location
      let path = "Resources/\(service.logicalID)/Properties/HealthCheckGracePeriodSeconds"
      if grace != seconds {
        findings.append(.error("\(service.logicalID) has HealthCheckGracePeriodSeconds \(node?.display ?? "unset (0 s)"); \(required.cited) requires \(seconds) s", at: at, path: path))
      }
      if let task = template.taskDefinition(of: service) {
        readStartPeriods = true
        for container in template.containers(of: task) {
          guard let start = container["HealthCheck"]?["StartPeriod"], let startSeconds = start.int, startSeconds > grace else { continue }
          findings.append(.error("\(service.logicalID)'s grace period is \(grace) s but container \(container.name ?? "?") needs a StartPeriod of \(startSeconds) s; ECS replaces it before it can start", at: at, related: [.init("container start-up window", at: start.location)], path: path))
        }
      }
      for binding in template.loadBalancerBindings(of: service) {
        guard let group = template.resource(referencedBy: binding["TargetGroupArn"], ofType: EvaluatedTemplate.targetGroupType) else { continue }
        readTargetGroups = true
        // ELBv2 defaults for HTTP target groups: interval 30 s, healthy threshold 5.
        let interval = group["HealthCheckIntervalSeconds"]?.int ?? 30
        let healthy = group["HealthyThresholdCount"]?.int ?? 5
        if interval * healthy > grace {
          findings.append(.warning("\(service.logicalID)'s grace period \(grace) s is shorter than the \(healthy) × \(interval) s the ALB needs to mark a new task healthy", at: at, related: [.init("target group health check", at: group.location)], path: path))
        }
      }
    }
    // Say only what was compared: a task definition or target group defined elsewhere
    // was not read.
    let covered = [readStartPeriods ? "the start period" : nil, readTargetGroups ? "the ALB's healthy threshold" : nil].compactMap { $0 }
    return Verdict(findings: findings, passNote: "grace period \(seconds) s" + (covered.isEmpty ? "" : ", covering " + covered.joined(separator: " and ")))
  }
}

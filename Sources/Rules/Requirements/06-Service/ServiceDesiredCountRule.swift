import TemplateModel

/// 6.1: the service runs the required number of tasks: its DesiredCount, or the minimum
/// capacity of the scalable target that owns the count. A DesiredCount written next to a
/// scalable target is a warning: every stack update resets the scaled count.
struct ServiceDesiredCountRule: Rule {
  static let definition = RuleDefinition(
    id: "service-desired-count",
    requirements: ["6.1"],
    title: "Service runs the required number of tasks",
    rationale: "When Application Auto Scaling owns DesiredCount, the template must leave it out: CloudFormation sets it again on every update, undoing a scale-out. The count is then proven by MinCapacity (with the known caveat that a replaced service starts at 1 until scaling lifts it).",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#cfn-ecs-service-desiredcount",
      "https://github.com/aws/containers-roadmap/issues/1214",
    ],
    examples: [
      .compliant(),
      .change("DesiredCount next to auto scaling", .edit(.template, "      AvailabilityZoneRebalancing: ENABLED", "      DesiredCount: 2\n      AvailabilityZoneRebalancing: ENABLED"), expect: .warn),
      .change("minimum capacity 1", .edit(.template, "      MinCapacity: 2", "      MinCapacity: 1"), alsoFails: ["7.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("desired-count"), let count = expected.integer else { return .missingValue("desired-count", of: "6.1") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "it runs the tasks") }
    return Verdict(findings: template.services.flatMap { service -> [Finding] in
      let desired = service["DesiredCount"]
      let targets = template.scalableTargets(of: service)
      if let target = targets.first {
        let minimum = target["MinCapacity"]
        var findings: [Finding] = []
        if let desired {
          findings.append(.warning("\(service.logicalID) sets DesiredCount \(desired.display) while \(target.logicalID) (min \(minimum?.display ?? "?"), max \(target["MaxCapacity"]?.display ?? "?")) scales it; each stack update resets the running count to \(desired.display)", at: desired.location, related: [.init("scalable target", at: target.location)], path: "Resources/\(service.logicalID)/Properties/DesiredCount"))
        }
        if minimum?.int != count {
          findings.append(.error("\(target.logicalID) keeps at least \(minimum?.display ?? "an unknown number of") tasks; \(expected.cited) requires \(count)", at: minimum?.location ?? target.location))
        }
        return findings
      }
      if desired?.int == count { return [] }
      return [.error("\(service.logicalID) has DesiredCount \(desired?.display ?? "unset (CloudFormation starts 1)") and no scalable target; \(expected.cited) requires \(count)", at: desired?.location ?? service.propertiesLocation, path: "Resources/\(service.logicalID)/Properties/DesiredCount")]
    }, passNote: "\(count) tasks (MinCapacity of the scalable target, or DesiredCount)")
  }
}

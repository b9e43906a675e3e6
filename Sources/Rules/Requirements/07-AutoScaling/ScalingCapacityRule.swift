import Requirements
import TemplateModel

/// 7.1 and 7.7: the service scales between the minimum and maximum task counts.
struct ScalingCapacityRule: Rule {
  static let definition = RuleDefinition(
    id: "scaling-capacity",
    requirements: ["7.1", "7.7"],
    title: "Scalable target keeps the task count within bounds",
    rationale: "MinCapacity keeps the dashboard available; MaxCapacity caps the cost (the 10-task month is the budget's worst case).",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html",
      "https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-policy-overview.html",
    ],
    examples: [
      .compliant(),
      .change("up to 20 tasks", .edit(.template, "      MaxCapacity: 10", "      MaxCapacity: 20"), alsoFails: ["12.5"]),
      .change("down to 1 task", .edit(.template, "      MinCapacity: 2", "      MinCapacity: 1"), alsoFails: ["6.1"]),
      .change("a scheduled action raises the maximum to 20", .edit(.template, "      MaxCapacity: 10\n", "      MaxCapacity: 10\n      ScheduledActions:\n        - ScheduledActionName: peak\n          Schedule: cron(0 8 * * ? *)\n          ScalableTargetAction: {MinCapacity: 2, MaxCapacity: 20}\n")),
      .change("a scheduled action lowers the minimum to 1", .edit(.template, "      MaxCapacity: 10\n", "      MaxCapacity: 10\n      ScheduledActions:\n        - ScheduledActionName: night\n          Schedule: cron(0 22 * * ? *)\n          ScalableTargetAction:\n            MinCapacity: 1\n")),
      .change("a scheduled action within the bounds", .edit(.template, "      MaxCapacity: 10\n", "      MaxCapacity: 10\n      ScheduledActions:\n        - ScheduledActionName: peak\n          Schedule: cron(0 8 * * ? *)\n          ScalableTargetAction: {MinCapacity: 4, MaxCapacity: 10}\n"), expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let minimum = context.value("min-tasks", of: "7.1"), let maximum = context.value("max-tasks", of: "7.1"),
      let ceiling = context.value("max-tasks", of: "7.7")
    else { return .missingValue("min-tasks/max-tasks", of: "7.1") }
    return context.scaling("requirement 7.1 needs min and max task counts", passNote: "\(minimum.written)..\(maximum.written) tasks", readsPolicies: false) { scaling in
      let target = scaling.target!
      var findings: [Finding] = []
      let low = target["MinCapacity"]
      let high = target["MaxCapacity"]
      if low?.int != minimum.integer {
        var finding = Finding.error("\(target.logicalID) has MinCapacity \(low?.display ?? "unset"); \(minimum.cited) requires \(minimum.written)", at: low?.location ?? target.location, path: "Resources/\(target.logicalID)/Properties/MinCapacity")
        finding.onlyRequirements = ["7.1"]
        findings.append(finding)
      }
      if high?.int != maximum.integer {
        var finding = Finding.error("\(target.logicalID) has MaxCapacity \(high?.display ?? "unset"); \(maximum.cited) requires \(maximum.written)", at: high?.location ?? target.location, path: "Resources/\(target.logicalID)/Properties/MaxCapacity")
        finding.onlyRequirements = ["7.1"]
        findings.append(finding)
      }
      if (high?.int ?? Int.max) > (ceiling.integer ?? Int.max) {
        var finding = Finding.error("\(target.logicalID) can scale to \(high?.display ?? "an unbounded number of") tasks; \(ceiling.cited) allows at most \(ceiling.written)", at: high?.location ?? target.location, path: "Resources/\(target.logicalID)/Properties/MaxCapacity")
        finding.onlyRequirements = ["7.7"]
        findings.append(finding)
      }
      findings += scheduledActions(of: target, minimum: minimum, maximum: maximum, ceiling: ceiling)
      return findings
    }
  }

  /// A scheduled action sets the target's MinCapacity and MaxCapacity at its time, and
  /// Application Auto Scaling then moves the count into the new range ("How scheduled
  /// scaling works"): each action's values must keep the count within the bounds too. An
  /// action's value not known before deploy is a fault too (the bounds are not shown to hold).
  private func scheduledActions(of target: EvaluatedResource, minimum: RequirementValue, maximum: RequirementValue, ceiling: RequirementValue) -> [Finding] {
    var findings: [Finding] = []
    for (index, action) in (target["ScheduledActions"]?.list ?? []).enumerated() {
      let name = action["ScheduledActionName"]?.display ?? "#\(index)"
      let path = "Resources/\(target.logicalID)/Properties/ScheduledActions/\(index)/ScalableTargetAction"
      let values = action["ScalableTargetAction"]
      for (key, node) in [("MinCapacity", values?["MinCapacity"]), ("MaxCapacity", values?["MaxCapacity"])] {
        guard let node else { continue }
        guard let count = node.int else {
          var finding = Finding.error("\(target.logicalID)'s scheduled action \(name) sets \(key) \(node.display), not known before deploy; \(minimum.cited) and \(ceiling.cited) need the count kept within \(minimum.written)..\(maximum.written)", at: node.location, path: path + "/\(key)")
          finding.onlyRequirements = ["7.1", "7.7"]
          findings.append(finding)
          continue
        }
        if count < (minimum.integer ?? Int.min) {
          var finding = Finding.error("\(target.logicalID)'s scheduled action \(name) sets \(key) \(count); \(minimum.cited) requires at least \(minimum.written) tasks", at: node.location, path: path + "/\(key)")
          finding.onlyRequirements = ["7.1"]
          findings.append(finding)
        }
        if count > (maximum.integer ?? Int.max) {
          var finding = Finding.error("\(target.logicalID)'s scheduled action \(name) sets \(key) \(count); \(maximum.cited) allows at most \(maximum.written) tasks", at: node.location, path: path + "/\(key)")
          finding.onlyRequirements = ["7.1"]
          findings.append(finding)
        }
        if count > (ceiling.integer ?? Int.max) {
          var finding = Finding.error("\(target.logicalID)'s scheduled action \(name) lets the service reach \(count) tasks; \(ceiling.cited) allows at most \(ceiling.written)", at: node.location, path: path + "/\(key)")
          finding.onlyRequirements = ["7.7"]
          findings.append(finding)
        }
      }
    }
    return findings
  }
}

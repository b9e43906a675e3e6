import TemplateModel

/// 7.1 and 7.7: the service scales between the minimum and maximum task counts.
struct ScalingCapacityRule: Rule {
  static let definition = RuleDefinition(
    id: "scaling-capacity",
    requirements: ["7.1", "7.7"],
    title: "Scalable target keeps the task count within bounds",
    rationale: "MinCapacity keeps the dashboard available; MaxCapacity caps the cost (the 10-task month is the budget's worst case).",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html"],
    examples: [
      .compliant(),
      .change("up to 20 tasks", .edit(.template, "      MaxCapacity: 10", "      MaxCapacity: 20"), alsoFails: ["12.5"]),
      .change("down to 1 task", .edit(.template, "      MinCapacity: 2", "      MinCapacity: 1"), alsoFails: ["6.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let minimum = context.value("min-tasks", of: "7.1"), let maximum = context.value("max-tasks", of: "7.1"),
      let ceiling = context.value("max-tasks", of: "7.7")
    else { return .missingValue("min-tasks/max-tasks", of: "7.1") }
    return context.scaling("requirement 7.1 needs min and max task counts", passNote: "\(minimum.written)..\(maximum.written) tasks") { scaling in
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
      return findings
    }
  }
}

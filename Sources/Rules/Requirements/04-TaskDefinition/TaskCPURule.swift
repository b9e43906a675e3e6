import TemplateModel

/// 4.1: the task reserves the required CPU.
struct TaskCPURule: Rule {
  static let definition = RuleDefinition(
    id: "task-cpu",
    requirements: ["4.1"],
    title: "Task definition reserves the required CPU",
    rationale: "Fargate bills and schedules by the task-level Cpu; it also bounds what the cost requirements assume.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size"],
    examples: [
      .compliant(),
      .change("1 vCPU", .edit(.template, "Cpu: \"512\"", "Cpu: 1 vCPU"), alsoFails: ["12.1", "12.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("cpu"), let units = expected.integer else { return .missingValue("cpu", of: "4.1") }
    let tasks = context.template.taskDefinitions
    guard !tasks.isEmpty else { return context.missing("AWS::ECS::TaskDefinition", for: "it sets the task CPU") }
    return Verdict(findings: tasks.compactMap { task in
      let node = task["Cpu"]
      if let text = node?.string, TaskSize.cpuUnits(text) == units { return nil }
      return .error("\(task.logicalID) has Cpu \(node?.display ?? "unset"); \(expected.cited) requires \(units) units", at: node?.location ?? task.propertiesLocation, path: "Resources/\(task.logicalID)/Properties/Cpu")
    }, passNote: "Cpu \(units)")
  }
}

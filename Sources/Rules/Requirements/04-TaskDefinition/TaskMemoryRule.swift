import TemplateModel

/// 4.2: the task reserves the required memory.
struct TaskMemoryRule: Rule {
  static let definition = RuleDefinition(
    id: "task-memory",
    requirements: ["4.2"],
    title: "Task definition reserves the required memory",
    rationale: "Fargate bills and schedules by the task-level Memory, in MiB (or GB).",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size"],
    examples: [
      .compliant(),
      .change("2 GB", .edit(.template, "Memory: \"1024\"", "Memory: 2 GB"), alsoFails: ["12.1", "12.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("memory"), let mebibytes = expected.integer else { return .missingValue("memory", of: "4.2") }
    let tasks = context.template.serviceTaskDefinitions
    guard !tasks.isEmpty else { return context.missing("AWS::ECS::TaskDefinition", for: "it sets the task memory") }
    let verdict = Verdict(findings: tasks.inTemplate.compactMap { task in
      let node = task["Memory"]
      if let text = node?.string, TaskSize.mebibytes(text) == mebibytes { return nil }
      return .error("\(task.logicalID) has Memory \(node?.display ?? "unset"); \(expected.cited) requires \(mebibytes) MiB", at: node?.location ?? task.propertiesLocation, path: "Resources/\(task.logicalID)/Properties/Memory")
    }, passNote: tasks.inTemplate.isEmpty ? "" : "Memory \(mebibytes) MiB")
    return context.limitedByOutsideTaskDefinitions(verdict, what: "Memory")
  }
}

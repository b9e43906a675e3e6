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
      .change(
        "the service runs a task definition a nested stack outputs (its Cpu is in that stack)",
        OutsideResourceEdits.addTaskStack, OutsideResourceEdits.serviceRunsNestedTaskDefinition, expect: .needsEvidence),
      .change(
        "a second task definition, which no service runs, asks for 256 units (it is not the deployed task)",
        .edit(
          .template, "  Service:\n    Type: AWS::ECS::Service\n",
          "  SpareTask:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: \"256\"\n      Memory: \"512\"\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: spare\n          Image: public.ecr.aws/docker/library/busybox:latest\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n\n  Service:\n    Type: AWS::ECS::Service\n"),
        expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("cpu"), let units = expected.integer else { return .missingValue("cpu", of: "4.1") }
    let tasks = context.template.serviceTaskDefinitions
    guard !tasks.isEmpty else { return context.missing("AWS::ECS::TaskDefinition", for: "it sets the task CPU") }
    let verdict = Verdict(findings: tasks.inTemplate.compactMap { task in
      let node = task["Cpu"]
      if let text = node?.string, TaskSize.cpuUnits(text) == units { return nil }
      return .error("\(task.logicalID) has Cpu \(node?.display ?? "unset"); \(expected.cited) requires \(units) units", at: node?.location ?? task.propertiesLocation, path: "Resources/\(task.logicalID)/Properties/Cpu")
    }, passNote: tasks.inTemplate.isEmpty ? "" : "Cpu \(units)")
    return context.limitedByOutsideTaskDefinitions(verdict, what: "Cpu")
  }
}

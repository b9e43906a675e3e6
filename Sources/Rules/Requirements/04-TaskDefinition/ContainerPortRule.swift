import TemplateModel

/// 4.3: the container definition maps the required port.
struct ContainerPortRule: Rule {
  static let definition = RuleDefinition(
    id: "task-container-port",
    requirements: ["4.3"],
    title: "Container definition maps the required port",
    rationale: "With awsvpc networking the container port is the port the load balancer reaches on the task's ENI; it must be the one the app listens on.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings", "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html"],
    examples: [
      .compliant(),
      .change("HostPort 8080 for ContainerPort 8501 under awsvpc", .edit(.template, "            - ContainerPort: 8501\n              Protocol: tcp", "            - ContainerPort: 8501\n              HostPort: 8080\n              Protocol: tcp")),
      .change("HostPort 8501 equal to ContainerPort", .edit(.template, "            - ContainerPort: 8501\n              Protocol: tcp", "            - ContainerPort: 8501\n              HostPort: 8501\n              Protocol: tcp"), expect: .pass),
      .change("container maps 8080", .edit(.template, "            - ContainerPort: 8501\n              Protocol: tcp", "            - ContainerPort: 8080\n              Protocol: tcp"), alsoFails: ["6.7"]),
      .change(
        "the task definition's Type misspelt (no container definition to read)",
        .edit(.template, "    Type: AWS::ECS::TaskDefinition\n", "    Type: AWS::ECS::TaskDefinitio\n"),
        alsoFails: ["2.4", "2.5", "4.1", "4.2", "4.4", "4.5", "4.6", "4.7", "9.1", "9.2", "10.1", "10.4", "12.4"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("container-port"), let port = expected.integer else { return .missingValue("container-port", of: "4.3") }
    let containers = context.template.serviceContainers
    guard !containers.isEmpty else { return context.withoutServiceContainers(for: "it maps the container port", what: "port mappings") }
    let mapped = containers.flatMap { container in container.portMappings.map { (container, $0) } }
    if let finding = hostPortFinding(context.template) { return .fail(finding) }
    if mapped.contains(where: { $0.1["ContainerPort"]?.int == port }) {
      return context.limitedByOutsideTaskDefinitions(.pass("ContainerPort \(port)", evidence: mapped.filter { $0.1["ContainerPort"]?.int == port }.map(\.1.location)), what: "port mappings")
    }
    let actual = mapped.map { $0.1["ContainerPort"]?.display ?? "?" }
    let first = containers[0]
    return .fail(.error("container \(first.name ?? "?") maps \(actual.isEmpty ? "no port" : "ContainerPort " + actual.joined(separator: ", ")); \(expected.cited) requires \(port)", at: mapped.first?.1.location ?? first.location, path: first.path + "/PortMappings"))
  }
}

extension ContainerPortRule {
  /// Under `awsvpc` (the only network mode on Fargate) a port mapping's HostPort must be
  /// omitted or equal to its ContainerPort; ECS rejects the task definition otherwise
  /// ("portMappings", hostPort:
  /// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings).
  func hostPortFinding(_ template: EvaluatedTemplate) -> Finding? {
    for task in template.taskDefinitions {
      let mode = task["NetworkMode"]?.string
      let fargate = (task["RequiresCompatibilities"]?.list ?? []).contains { $0.string == "FARGATE" }
      guard mode == "awsvpc" || fargate else { continue }
      for container in template.containers(of: task) {
        for (index, mapping) in container.portMappings.enumerated() {
          guard let host = mapping["HostPort"], let hostPort = host.int, let containerPort = mapping["ContainerPort"]?.int, hostPort != containerPort else { continue }
          return .error("container \(container.name ?? "?") maps HostPort \(hostPort) to ContainerPort \(containerPort); with awsvpc networking\(mode == "awsvpc" ? "" : " (Fargate)") HostPort must be omitted or equal ContainerPort, so ECS rejects the task definition", at: host.location, path: container.path + "/PortMappings/\(index)/HostPort")
        }
      }
    }
    return nil
  }
}

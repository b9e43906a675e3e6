import TemplateModel

/// 6.7: the service registers the container's port with the target group.
struct ServiceTargetRegistrationRule: Rule {
  static let definition = RuleDefinition(
    id: "service-registers-port",
    requirements: ["6.7"],
    title: "Service registers the container port with the target group",
    rationale: "`LoadBalancers` names the container and port ECS registers; a port or container name that the task definition does not map fails the service creation, and a target group port that differs is misleading.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html"],
    examples: [
      .compliant(),
      .change("service registers 8080", .edit(.template, "        - ContainerName: dashboard\n          ContainerPort: 8501", "        - ContainerName: dashboard\n          ContainerPort: 8080")),
      .change("container name mismatch", .edit(.template, "        - ContainerName: dashboard\n", "        - ContainerName: web\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("container-port"), let port = expected.integer else { return .missingValue("container-port", of: "6.7") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "it registers tasks with the target group") }
    var findings: [Finding] = []
    for service in template.services {
      let bindings = template.loadBalancerBindings(of: service)
      if bindings.isEmpty {
        findings.append(.error("\(service.logicalID) has no LoadBalancers; its tasks are never registered with a target group", at: service.propertiesLocation))
      }
      let containers = template.taskDefinition(of: service).map { template.containers(of: $0) } ?? []
      for binding in bindings {
        let portNode = binding["ContainerPort"]
        if portNode?.int != port {
          findings.append(.error("\(service.logicalID) registers ContainerPort \(portNode?.display ?? "unset"); \(expected.cited) requires \(port)", at: portNode?.location ?? binding.location, path: "Resources/\(service.logicalID)/Properties/LoadBalancers"))
        }
        let name = binding["ContainerName"]?.string
        if !containers.isEmpty, let container = containers.first(where: { $0.name == name }) {
          if !container.portMappings.contains(where: { $0["ContainerPort"]?.int == portNode?.int }) {
            findings.append(.error("container \(name ?? "?") does not map port \(portNode?.display ?? "?") that \(service.logicalID) registers", at: portNode?.location ?? binding.location, related: [.init("container definition", at: container.location)]))
          }
        } else if !containers.isEmpty {
          findings.append(.error("\(service.logicalID) registers container \(name ?? "(unset)"), which its task definition does not define (it has \(containers.compactMap(\.name).joined(separator: ", ")))", at: binding["ContainerName"]?.location ?? binding.location))
        }
        if let group = template.resource(referencedBy: binding["TargetGroupArn"], ofType: EvaluatedTemplate.targetGroupType), let groupPort = group["Port"], groupPort.int != port {
          findings.append(.error("target group \(group.logicalID) has Port \(groupPort.display) while the service registers \(port)", at: groupPort.location))
        }
      }
    }
    return Verdict(findings: findings, passNote: "tasks registered on \(port)")
  }
}

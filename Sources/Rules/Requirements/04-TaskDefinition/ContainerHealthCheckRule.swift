import DockerfileModel
import TemplateModel

/// 4.7: the task definition's container has a health check that requests the app's
/// health path. ECS ignores the Dockerfile's HEALTHCHECK, so only the container
/// definition counts.
struct ContainerHealthCheckRule: Rule {
  static let definition = RuleDefinition(
    id: "ecs-container-healthcheck",
    requirements: ["4.7"],
    title: "Container definition has a health check on the app's health path",
    rationale: "ECS runs only the container definition's HealthCheck; a Dockerfile HEALTHCHECK is ignored on ECS/Fargate. The check must probe Streamlit itself (its health endpoint), not merely that a process exists.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html"],
    examples: [
      .compliant(),
      .change("no container health check (the Dockerfile's is ignored)", .edit(.template, "          HealthCheck:\n            Command:", "          DockerLabels:\n            Command:")),
      .change("checks a path other than the health endpoint", .edit(.template, "urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)", "urlopen('http://127.0.0.1:8501/', timeout=2)")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let path = context.value("health-path")?.text else { return .missingValue("health-path", of: "4.7") }
    let containers = context.template.serviceContainers
    guard !containers.isEmpty else { return context.missing("container definition", for: "its health check is checked") }
    let imageCheck = context.project.dockerfile?.finalImage.healthcheck
    return Verdict(findings: containers.compactMap { container in
      guard let check = container["HealthCheck"] else {
        let related = imageCheck.map { [Finding.Related("the Dockerfile HEALTHCHECK is ignored on ECS/Fargate; copy it into the container definition's HealthCheck", at: $0.location)] } ?? []
        return .error("container \(container.name ?? "?") has no HealthCheck; requirement 4.7 is decided by the container definition alone", at: container.location, related: related, path: container.path + "/HealthCheck")
      }
      guard let command = HealthCommand(check["Command"]) else {
        return .error("container \(container.name ?? "?")'s HealthCheck Command must start with CMD or CMD-SHELL; found \(check["Command"]?.display ?? "none")", at: check.location, path: container.path + "/HealthCheck/Command")
      }
      let requested = HealthURL.path(in: command.text)
      if requested == path { return nil }
      return .error("container \(container.name ?? "?")'s health check \(requested.map { "requests \($0)" } ?? "requests no HTTP URL") instead of the health path \(path); it does not verify that Streamlit answers", at: command.node.location, path: container.path + "/HealthCheck/Command")
    }, passNote: "container health check requests \(path)")
  }
}

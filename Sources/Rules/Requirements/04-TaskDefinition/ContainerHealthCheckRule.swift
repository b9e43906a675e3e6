import DockerfileModel
import TemplateModel

/// 4.7: the task definition's container has a health check that requests the app's
/// health path. ECS ignores the Dockerfile's HEALTHCHECK, so only the container
/// definition counts. The check must also be able to fail (a command ending `|| true`
/// always exits 0) and request the port the app listens on (`AppListenPort`, with the
/// container's overrides; else requirement 4.3's container port).
struct ContainerHealthCheckRule: Rule {
  static let definition = RuleDefinition(
    id: "ecs-container-healthcheck",
    requirements: ["4.7"],
    title: "Container definition has a health check on the app's health path",
    rationale: "ECS runs only the container definition's HealthCheck; a Dockerfile HEALTHCHECK is ignored on ECS/Fargate. The check must probe Streamlit itself (its health endpoint), not merely that a process exists.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html", "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html"],
    examples: [
      .compliant(),
      .change(
        "the service runs a task definition a nested stack outputs (its containers' health check is in that stack)",
        OutsideResourceEdits.addTaskStack, OutsideResourceEdits.serviceRunsNestedTaskDefinition, expect: .needsEvidence),
      .change("no container health check (the Dockerfile's is ignored)", .edit(.template, "          HealthCheck:\n            Command:", "          DockerLabels:\n            Command:")),
      .change("probes port 8080 while the app listens on 8501", .edit(.template, "urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)", "urlopen('http://127.0.0.1:8080/_stcore/health', timeout=2)")),
      .change("probes http://localhost/_stcore/health (port 80)", .edit(.template, "urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)", "urlopen('http://localhost/_stcore/health', timeout=2)")),
      .change("probe ends with || true", .edit(.template, "                || exit 1\n            Interval", "                || true\n            Interval")),
      .change("probe followed by ; exit 0", .edit(.template, "                || exit 1\n            Interval", "                ; exit 0\n            Interval")),
      .change("checks a path other than the health endpoint", .edit(.template, "urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)", "urlopen('http://127.0.0.1:8501/', timeout=2)")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let path = context.value("health-path")?.text else { return .missingValue("health-path", of: "4.7") }
    let containers = context.template.serviceContainers
    guard !containers.isEmpty else { return context.withoutServiceContainers(for: "its health check is checked", what: "container health check") }
    let imageCheck = context.project.dockerfile?.finalImage.healthcheck
    let verdict = Verdict(findings: containers.compactMap { container in
      guard let check = container["HealthCheck"] else {
        let related = imageCheck.map { [Finding.Related("the Dockerfile HEALTHCHECK is ignored on ECS/Fargate; copy it into the container definition's HealthCheck", at: $0.location)] } ?? []
        return .error("container \(container.name ?? "?") has no HealthCheck; requirement 4.7 is decided by the container definition alone", at: container.location, related: related, path: container.path + "/HealthCheck")
      }
      guard let command = HealthCommand(check["Command"]) else {
        return .error("container \(container.name ?? "?")'s HealthCheck Command must start with CMD or CMD-SHELL; found \(check["Command"]?.display ?? "none")", at: check.location, path: container.path + "/HealthCheck/Command")
      }
      if let reason = command.alwaysSucceeds {
        return .error("container \(container.name ?? "?")'s health check can never fail: \(reason); ECS never marks the container unhealthy, so it verifies nothing (end the probe with `|| exit 1`)", at: command.node.location, path: container.path + "/HealthCheck/Command")
      }
      let requested = HealthURL.path(in: command.text)
      if requested == path {
        guard let (requestedPort, authority) = HealthURL.port(in: command.text) else { return nil }
        let listen = context.project.dockerfile.flatMap { AppListenPort($0.finalImage, container: container, project: context.project).port }
        let expected = listen.map { ($0.port, "the app listens on \($0.port) (\($0.how))") }
          ?? context.value("container-port", of: "4.3")?.integer.map { ($0, "\(context.value("container-port", of: "4.3")!.cited) puts the app on \($0)") }
        guard let (port, why) = expected, requestedPort != port else { return nil }
        return .error("container \(container.name ?? "?")'s health check requests \(authority)\(path), port \(requestedPort.map(String.init) ?? "?"), while \(why); the probe reaches no app and fails, so ECS replaces healthy tasks", at: command.node.location, path: container.path + "/HealthCheck/Command")
      }
      return .error("container \(container.name ?? "?")'s health check \(requested.map { "requests \($0)" } ?? "requests no HTTP URL") instead of the health path \(path); it does not verify that Streamlit answers", at: command.node.location, path: container.path + "/HealthCheck/Command")
    }, passNote: "container health check requests \(path)")
    return context.limitedByOutsideTaskDefinitions(verdict, what: "container health check")
  }
}

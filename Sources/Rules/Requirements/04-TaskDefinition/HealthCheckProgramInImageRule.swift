import Diagnostics
import DockerfileModel
import TemplateModel

/// 4.7: the programs the container health check runs exist in the image the Dockerfile
/// builds (python:3.12-slim has neither curl nor wget).
///
/// The check is read as the runtime executes it (`ContainerCommandLine`): `CMD-SHELL`
/// text runs in `/bin/sh -c` (or the image's SHELL), a `sh -c '…'` / `bash -c "…"` inside
/// it runs its script, and a program given by path (`/usr/bin/curl`) is judged by its
/// name. Every program of that chain must be in the image: the shells and the program
/// that finally runs. Variables resolve through the image's ENV and the container
/// definition's Environment. The Dockerfile HEALTHCHECK is read the same way; ECS ignores
/// it, so a missing program there is a warning (`docker run` marks the container
/// unhealthy), not a failure of 4.7.
struct HealthCheckProgramInImageRule: Rule {
  static let definition = RuleDefinition(
    id: "healthcheck-program-in-image",
    requirements: ["4.7"],
    title: "Health check program exists in the image",
    rationale: "A health check whose program is missing exits 127 on every probe: ECS marks the essential container unhealthy and replaces tasks forever although the app is fine. The final stage's base image and its installed packages decide which programs exist; an unknown base image needs evidence.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template, .dockerfile],
    sources: [
      "https://hub.docker.com/_/python",
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html",
      "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
      "https://docs.docker.com/reference/dockerfile/#healthcheck",
    ],
    examples: [
      .compliant(),
      .change("health check with curl on a slim image", .edit(.template, Self.pythonProbe, "                curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1")),
      .change("curl installed in the runtime stage", .edit(.template, Self.pythonProbe, "                curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1"), .edit(.dockerfile, "COPY --from=builder /opt/venv /opt/venv\n", "COPY --from=builder /opt/venv /opt/venv\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"), expect: .pass),
      .change("curl inside sh -c '…'", .edit(.template, Self.pythonProbe, "                sh -c 'curl -fsS http://127.0.0.1:8501/_stcore/health' || exit 1")),
      .change("curl inside bash -c \"…\" with options", .edit(.template, Self.pythonProbe, "                bash -ec \"cd /tmp && exec curl -fsS http://127.0.0.1:8501/_stcore/health\"")),
      .change("curl by absolute path", .edit(.template, Self.pythonProbe, "                /usr/bin/curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1")),
      .change("the program named by an ENV variable", .edit(.template, Self.pythonProbe, "                sh -c \"$PROBE -fsS http://127.0.0.1:8501/_stcore/health\""), .edit(.dockerfile, "    PYTHONUNBUFFERED=1 \\\n", "    PYTHONUNBUFFERED=1 \\\n    PROBE=/usr/bin/wget \\\n")),
      .change("python inside sh -c '…'", .edit(.template, Self.pythonProbe, "                sh -c 'python -c \"import urllib.request; urllib.request.urlopen(\\\"http://127.0.0.1:8501/_stcore/health\\\", timeout=2)\"'"), expect: .pass),
      .change("Dockerfile HEALTHCHECK runs /usr/bin/curl (ECS ignores it)", .edit(.dockerfile, Self.dockerfileProbe, "CMD [\"/usr/bin/curl\", \"-fsS\", \"http://127.0.0.1:8501/_stcore/health\"]"), expect: .warn),
      .change("Dockerfile HEALTHCHECK runs curl inside sh -c", .edit(.dockerfile, Self.dockerfileProbe, "CMD sh -c 'curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1'"), expect: .warn),
    ])

  static let pythonProbe = "                python -c \"import sys, urllib.request;\n                sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status == 200 else 1)\"\n                || exit 1"
  static let dockerfileProbe = "CMD [\"python\", \"-c\", \"import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status == 200 else 1)\"]"

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .absent("no Dockerfile") }
    let facts = dockerfile.finalImage
    var unknown: [String] = []
    var findings: [Finding] = []
    for container in context.template.serviceContainers {
      guard let command = HealthCommand(container["HealthCheck"]?["Command"]) else { continue }
      var environment = facts.knownEnvironment
      for variable in container["Environment"]?.list ?? [] {
        guard let name = variable["Name"]?.string else { continue }
        environment[name] = variable["Value"]?.string
      }
      let line = ContainerCommandLine(arguments: command.arguments(shell: facts.runtimeShell), environment: environment, file: command.node.location.file)
      let what = "health check of container \(container.name ?? "?")"
      switch judge(line, in: facts, what: what) {
      case .absent(let message):
        findings.append(.error("\(message); every probe exits 127 and ECS replaces the task", at: command.node.location, related: [.init("final stage base image", at: facts.base.location)], path: container.path + "/HealthCheck/Command"))
      case .unknown(let reason): unknown.append(reason)
      case .present: break
      }
    }
    if let check = facts.healthcheck, case .check(let health) = check.value {
      let line = ContainerCommandLine(arguments: StartCommand.arguments(of: health.command, shell: facts.runtimeShell), environment: facts.knownEnvironment, file: check.location.file)
      if case .absent(let message) = judge(line, in: facts, what: "the Dockerfile HEALTHCHECK") {
        findings.append(.warning("\(message); `docker run` marks the container unhealthy (ECS ignores this HEALTHCHECK and runs the container definition's)", at: check.location, related: [.init("final stage base image", at: facts.base.location)]))
      }
    }
    if !findings.contains(where: { $0.severity == .error }) && !unknown.isEmpty {
      return .needsEvidence("whether the image has the health check program is not known: " + unknown.joined(separator: "; "))
    }
    return Verdict(findings: findings, passNote: "the health check's program is in the image")
  }

  private enum Judgement {
    case present
    case absent(String)
    case unknown(String)
  }

  /// Every program of the chain must be in the image: the first absent one decides, then
  /// the first unknown one.
  private func judge(_ line: ContainerCommandLine, in facts: ImageFacts, what: String) -> Judgement {
    var unknown: String?
    for (index, program) in line.programs.enumerated() {
      let name = ContainerCommandLine.fileName(program)
      let inside = index == 0 ? "" : " (run by `\(line.programs[..<index].joined(separator: " → "))`)"
      switch facts.providesProgram(name) {
      case .present: continue
      case .absent(let evidence):
        return .absent("\(what) runs `\(program)`\(inside), which is not in the image the Dockerfile builds (\(evidence.reason))")
      case .unknown(let evidence):
        if unknown == nil { unknown = "`\(program)`\(inside): \(evidence.reason)" }
      }
    }
    if let unknown { return .unknown(unknown) }
    if let unreadable = line.unreadable { return .unknown("\(what): \(unreadable)") }
    return .present
  }
}

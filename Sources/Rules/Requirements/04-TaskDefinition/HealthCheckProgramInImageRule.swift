import DockerfileModel
import TemplateModel

/// 4.7: the program the container health check runs exists in the image the Dockerfile
/// builds (python:3.12-slim has neither curl nor wget).
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
    ],
    examples: [
      .compliant(),
      .change("health check with curl on a slim image", .edit(.template, "                python -c \"import sys, urllib.request;\n                sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status == 200 else 1)\"\n                || exit 1", "                curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1")),
      .change("curl installed in the runtime stage", .edit(.template, "                python -c \"import sys, urllib.request;\n                sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status == 200 else 1)\"\n                || exit 1", "                curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1"), .edit(.dockerfile, "COPY --from=builder /opt/venv /opt/venv\n", "COPY --from=builder /opt/venv /opt/venv\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"), expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .notApplicable("no Dockerfile") }
    let facts = dockerfile.finalImage
    var unknown: [String] = []
    let findings: [Finding] = context.template.serviceContainers.compactMap { container in
      guard let command = HealthCommand(container["HealthCheck"]?["Command"]), let program = command.program else { return nil }
      switch facts.providesProgram(program) {
      case .present: return nil
      case .unknown(let evidence):
        unknown.append("`\(program)`: \(evidence.reason)")
        return nil
      case .absent(let evidence):
        return .error("health check program `\(program)` of container \(container.name ?? "?") is not in the image the Dockerfile builds (\(evidence.reason)); every probe exits 127", at: command.node.location, related: [.init("final stage base image", at: facts.base.location)], path: container.path + "/HealthCheck/Command")
      }
    }
    if findings.isEmpty && !unknown.isEmpty { return .needsEvidence("whether the image has the health check program is not known: " + unknown.joined(separator: "; ")) }
    return Verdict(findings: findings, passNote: "the health check's program is in the image")
  }
}

import Diagnostics
import DockerfileModel
import Requirements
import TemplateModel

/// 1.5, 4.7, 5.4: the health path agrees across the Dockerfile HEALTHCHECK, the container
/// health check and the target group health check, whatever the path is.
struct HealthPathAgreementRule: Rule {
  static let definition = RuleDefinition(
    id: "health-path-agreement",
    requirements: ["1.5", "4.7", "5.4"],
    title: "The health path agrees across Dockerfile, container and target group",
    rationale: "Three health checks probe the same app: docker run (HEALTHCHECK), ECS (container HealthCheck) and the ALB (target group). One pointing elsewhere passes while the app is broken, or fails while it is fine.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template, .dockerfile],
    sources: ["https://docs.streamlit.io/deploy/tutorials/docker"],
    examples: [
      .compliant(),
      .change("Dockerfile probes /healthz", .edit(.dockerfile, "urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)", "urlopen('http://127.0.0.1:8501/healthz', timeout=2)")),
      .change("target group probes /", .edit(.template, "HealthCheckPath: /_stcore/health", "HealthCheckPath: /"), alsoFails: ["5.4"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    var claims: [(path: String, what: String, location: SourceLocation, requirement: RequirementID)] = []
    if case .check(let check)? = context.project.dockerfile?.finalImage.healthcheck?.value,
      let path = HealthURL.path(in: HealthCommandText.of(check.command)), let location = context.project.dockerfile?.finalImage.healthcheck?.location
    {
      claims.append((path, "Dockerfile HEALTHCHECK", location, "1.5"))
    }
    let template = context.template
    for container in template.serviceContainers {
      if let command = HealthCommand(container["HealthCheck"]?["Command"]), let path = HealthURL.path(in: command.text) {
        claims.append((path, "container \(container.name ?? "?") HealthCheck", command.node.location, "4.7"))
      }
    }
    for group in template.serviceTargetGroups {
      if let path = group["HealthCheckPath"]?.string {
        claims.append((path, "target group \(group.logicalID) HealthCheckPath", group["HealthCheckPath"]!.location, "5.4"))
      }
    }
    guard claims.count > 1 else { return .notApplicable("the health path is written in fewer than two places") }
    let counts = Dictionary(grouping: claims, by: \.path).mapValues(\.count)
    let agreed = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
    let reference = claims.first { $0.path == agreed }!
    return Verdict(findings: claims.filter { $0.path != agreed }.map { claim in
      var finding = Finding.error("\(claim.what) probes \(claim.path) while \(reference.what) probes \(agreed)", at: claim.location, related: [.init(reference.what, at: reference.location)])
      finding.onlyRequirements = [claim.requirement]
      return finding
    }, passNote: "health path \(agreed) in all \(claims.count) checks")
  }
}

/// The text of a Dockerfile command, to look for a URL in.
enum HealthCommandText {
  static func of(_ form: CommandForm) -> String {
    switch form {
    case .shell(let text): text
    case .exec(let arguments): arguments.joined(separator: " ")
    }
  }
}

import DockerfileModel
import TemplateModel

/// 5.3: a Streamlit app on more than one task needs target-group stickiness, or uploads
/// and media requests reach a task that does not hold the session (HTTP 400).
struct StreamlitStickinessRule: Rule {
  static let definition = RuleDefinition(
    id: "streamlit-stickiness",
    requirements: ["5.3"],
    title: "Streamlit behind several tasks uses sticky sessions",
    rationale: "Streamlit keeps each session in the memory of the task holding its WebSocket; file uploads and media are separate HTTP requests that must reach the same task. With more than one task the target group needs stickiness.enabled true.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template, .dockerfile],
    sources: ["https://github.com/streamlit/streamlit/issues/4173", "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html"],
    examples: [
      .compliant(),
      .change("stickiness off", .edit(.template, "        - Key: stickiness.enabled\n          Value: \"true\"", "        - Key: stickiness.enabled\n          Value: \"false\""), expect: .warn),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let facts = context.project.dockerfile?.finalImage else { return .absent("no Dockerfile") }
    let start = [facts.entrypoint, facts.cmd].compactMap { $0 }
    guard let command = start.first(where: { HealthCommandText.of($0.value).containsText("streamlit") }) else {
      return .pass("the image does not run Streamlit; stickiness is not needed")
    }
    let template = context.template
    var findings: [Finding] = []
    for service in template.services {
      let maximum = template.scalableTargets(of: service).compactMap { $0["MaxCapacity"]?.int }.max() ?? service["DesiredCount"]?.int ?? 1
      guard maximum > 1 else { continue }
      for binding in template.loadBalancerBindings(of: service) {
        guard let group = template.resource(referencedBy: binding["TargetGroupArn"], ofType: EvaluatedTemplate.targetGroupType) else { continue }
        if group["TargetGroupAttributes"]?.keyValuePairs["stickiness.enabled"]?.bool != true {
          findings.append(.warning("\(service.logicalID) runs Streamlit on up to \(maximum) tasks, but \(group.logicalID) has no stickiness.enabled=true; uploads and media can reach a task that does not hold the session", at: group["TargetGroupAttributes"]?.location ?? group.source.bodyLocation, related: [.init("the app is Streamlit", at: command.location)], path: "Resources/\(group.logicalID)/Properties/TargetGroupAttributes"))
        }
      }
    }
    return Verdict(findings: findings, passNote: "sticky sessions for Streamlit on several tasks")
  }
}

import TemplateModel

extension RuleContext {
  /// `verdict` limited by the services that run a task definition this template does not
  /// define (`EvaluatedTemplate.serviceTaskDefinitions`, `limited(_:byOutside:expected:what:)`):
  /// its `what` (Cpu, the containers' port mappings) is set outside these files.
  func limitedByOutsideTaskDefinitions(_ verdict: Verdict, what: String) -> Verdict {
    limited(verdict, byOutside: template.serviceTaskDefinitions.outside, expected: EvaluatedTemplate.ecsTaskDefinition, what: what)
  }

  /// The verdict of a rule about the services' containers when the template gives none
  /// (`EvaluatedTemplate.serviceContainers` is empty): needs-evidence when the services run
  /// task definitions defined elsewhere (a failure when the reference certainly names no
  /// task definition), else a failure for the missing container definition.
  func withoutServiceContainers(for purpose: String, what: String) -> Verdict {
    let outside = template.serviceTaskDefinitions.outside
    guard !outside.isEmpty else { return missing("container definition", misspelt: EvaluatedTemplate.ecsTaskDefinition, for: purpose) }
    return limitedByOutsideTaskDefinitions(.pass(""), what: what)
  }
}

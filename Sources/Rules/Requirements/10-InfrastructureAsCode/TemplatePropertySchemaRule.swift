import TemplateModel

/// 10.1: every resource type is one CloudFormation has, and every property is one the
/// resource type defines, with the right basic shape (a misspelt or wrongly cased
/// property is silently not applied, or fails the deploy).
struct TemplatePropertySchemaRule: Rule {
  static let definition = RuleDefinition(
    id: "template-property-schema",
    requirements: ["10.1"],
    title: "Resource properties match the CloudFormation resource schemas",
    rationale: "CloudFormation rejects unknown properties at deploy time (after the change set is made); names are case-sensitive (`Healthcheck` is not `HealthCheck`). The published resource provider schemas list every property and its type.",
    scope: .repository, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html"],
    examples: [
      .compliant(),
      .change("property name wrongly cased", .edit(.template, "      HealthCheckGracePeriodSeconds: 60", "      HealthcheckGracePeriodSeconds: 60"), alsoFails: ["6.6"]),
      .change("a resource type CloudFormation does not have", .edit(.template, "    Type: AWS::ECS::Cluster\n", "    Type: AWS::ECS::Clustre\n"), alsoFails: ["10.3"]),
      .change("a list where a mapping is expected", .edit(.template, "      ImageScanningConfiguration:\n        ScanOnPush: true", "      ImageScanningConfiguration:\n        - ScanOnPush: true"), alsoFails: ["2.1"]),
    ])

  /// How many unknown types get the closest names suggested.
  static let maximumSuggestedTypes = 16

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let template = context.project.template else { return .notApplicable("no template") }
    var findings: [Finding] = ResourceSchemas.shared.check(template).map { .error($0.message, at: $0.location, path: $0.path) }
    var unchecked: [String] = []
    var suggested = 0
    for resource in template.resources where !ResourceSchemas.shared.knows(resource.type.value) {
      switch ResourceTypes.exists(resource.type.value) {
      case false?:
        // Each search compares the name with every type: a template of thousands of made-up
        // types gets names suggested for the first few only.
        suggested += 1
        let suggestions = suggested <= Self.maximumSuggestedTypes ? ResourceTypes.suggestions(for: resource.type.value) : []
        let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: " or "))?)"
        findings.append(.error("\(resource.logicalID) has Type \(resource.type.value), which CloudFormation does not have in any region\(hint): the change set fails with \"Unrecognized resource types\" and no resource of the stack is created", at: resource.type.location))
      case true?, nil:
        unchecked.append(resource.type.value)
      }
    }
    let checked = template.resources.filter { ResourceSchemas.shared.knows($0.type.value) }.count
    let rest = unchecked.isEmpty ? "" : "; \(Set(unchecked).sorted().joined(separator: ", ")) not checked (vibe-rules carries no schema for them)"
    return Verdict(findings: findings, passNote: "\(checked) resources match their CloudFormation schemas\(rest)")
  }
}

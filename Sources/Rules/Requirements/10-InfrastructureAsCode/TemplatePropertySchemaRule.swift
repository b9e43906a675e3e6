import TemplateModel

/// 10.1: every property is one the resource type defines, with the right basic shape
/// (a misspelt or wrongly cased property is silently not applied, or fails the deploy).
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
      .change("a list where a mapping is expected", .edit(.template, "      ImageScanningConfiguration:\n        ScanOnPush: true", "      ImageScanningConfiguration:\n        - ScanOnPush: true"), alsoFails: ["2.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let template = context.project.template else { return .notApplicable("no template") }
    let violations = ResourceSchemas.shared.check(template)
    let checked = template.resources.filter { ResourceSchemas.shared.knows($0.type.value) }.count
    return Verdict(findings: violations.map { .error($0.message, at: $0.location, path: $0.path) },
                   passNote: "\(checked) resources match their CloudFormation schemas")
  }
}

import TemplateModel

/// 10.1: every resource type is one CloudFormation has, and every property is one the
/// resource type defines, with the right basic shape (a misspelt or wrongly cased
/// property is silently not applied, or fails the deploy); every property the schema
/// requires is written; a policy written as a string holds a JSON object
/// (`JSONTextProperty`).
struct TemplatePropertySchemaRule: Rule {
  static let definition = RuleDefinition(
    id: "template-property-schema",
    requirements: ["10.1"],
    title: "Resource properties match the CloudFormation resource schemas",
    rationale: "CloudFormation rejects unknown properties, and resources without a required one, at deploy time (after the change set is made); names are case-sensitive (`Healthcheck` is not `HealthCheck`). The published resource provider schemas list every property, its type, and which are required.",
    scope: .repository, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html"],
    examples: [
      .compliant(),
      .change("property name wrongly cased", .edit(.template, "      HealthCheckGracePeriodSeconds: 60", "      HealthcheckGracePeriodSeconds: 60"), alsoFails: ["6.6"]),
      .change("a resource type CloudFormation does not have", .edit(.template, "    Type: AWS::ECS::Cluster\n", "    Type: AWS::ECS::Clustre\n"), alsoFails: ["3.1", "3.4", "9.3", "9.7", "10.3"]),
      .change("a resource type with a colon dropped", .edit(.template, "    Type: AWS::ECS::Cluster\n", "    Type: AWS::ECS:Cluster\n"), alsoFails: ["3.1", "3.4", "9.3", "9.7", "10.3"]),
      .change("a resource type the carried list does not have (newer, or rejected)", .edit(.template, "    Type: AWS::ECS::Cluster\n", "    Type: AWS::ECS::Cluster\n  Widget:\n    Type: AWS::Xyzzy::Widget\n"), expect: .needsEvidence),
      .change("a fraction where the schema's integer is expected", .edit(.template, "      HealthCheckGracePeriodSeconds: 60", "      HealthCheckGracePeriodSeconds: 60.5"), alsoFails: ["6.6"]),
      .change("a lifecycle policy text that is not JSON", .edit(.template, "\"countNumber\": 10\n", "\"countNumber\": 10 images\n"), alsoFails: ["2.2", "12.3"]),
      .change("a security group without the GroupDescription its schema requires", .edit(.template, "      GroupDescription: Dashboard ALB - HTTP and HTTPS from the internet\n", "")),
      .change("an inline role policy without its required PolicyName", .edit(.template, "        - PolicyName: ecr-pull-and-logs\n          PolicyDocument:", "        - PolicyDocument:")),
      .change("a list where a mapping is expected", .edit(.template, "      ImageScanningConfiguration:\n        ScanOnPush: true", "      ImageScanningConfiguration:\n        - ScanOnPush: true"), alsoFails: ["2.1"]),
    ])

  /// How many unknown types get the closest names suggested.
  static let maximumSuggestedTypes = 16

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let template = context.project.template else { return .absent("no template") }
    var findings: [Finding] = ResourceSchemas.shared.check(template).map { .error($0.message, at: $0.location, path: $0.path) }
    var unchecked: [String] = []
    var unlisted: [Resource] = []
    var suggested = 0
    for resource in template.resources where !ResourceSchemas.shared.knows(resource.type.value) {
      let type = resource.type.value
      let standing = ResourceTypes.standing(type)
      guard standing == .malformed || standing == .unlisted else {
        unchecked.append(type)
        continue
      }
      // Each search compares the name with every type: a template of thousands of made-up
      // types gets names suggested for the first few only.
      suggested += 1
      let suggestions = suggested <= Self.maximumSuggestedTypes ? ResourceTypes.suggestions(for: type) : []
      // An unlisted name may be a type newer than the list; one close to a listed name is
      // a misspelling.
      guard standing == .malformed || !suggestions.isEmpty else {
        unlisted.append(resource)
        continue
      }
      let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: " or "))?)"
      findings.append(.error("\(resource.logicalID) has Type \(type), which CloudFormation does not have\(hint): the change set fails with \"Unrecognized resource types\" and no resource of the stack is created", at: resource.type.location))
    }
    let checked = template.resources.filter { ResourceSchemas.shared.knows($0.type.value) }.count
    let rest = unchecked.isEmpty ? "" : "; \(Set(unchecked).sorted().joined(separator: ", ")) not checked (vibe-rules carries no schema for them)"
    var verdict = Verdict(findings: findings, passNote: "\(checked) resources match their CloudFormation schemas\(rest)")
    if !unlisted.isEmpty {
      let types = Set(unlisted.map(\.type.value)).sorted()
      let note = "\(types.prefix(8).joined(separator: ", "))\(types.count > 8 ? " and \(types.count - 8) more" : "") not among the resource types of the CloudFormation schemas vibe-rules carries (ResourceTypeNames.swift): a type added since, or one CloudFormation rejects"
      if findings.isEmpty { return .needsEvidence(note, evidence: unlisted.prefix(8).map(\.type.location)) }
      verdict.undecidedNote = note
    }
    return verdict
  }
}

import TemplateModel

/// 10.1: a template with nested applications deploys only when `sam deploy`
/// acknowledges CAPABILITY_AUTO_EXPAND in every env.
struct NestedApplicationCapabilityRule: Rule {
  static let nestedApplicationType = "AWS::Serverless::Application"

  static let definition = RuleDefinition(
    id: "nested-application-capability",
    requirements: ["10.1"],
    title: "Nested applications are acknowledged with CAPABILITY_AUTO_EXPAND",
    rationale: "An AWS::Serverless::Application becomes a nested stack when the SAM transform runs; `sam deploy` must acknowledge CAPABILITY_AUTO_EXPAND for it, or CloudFormation refuses the change set and the template creates nothing. The deploy script's --capabilities replace samconfig's.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template, .samconfig],
    sources: [
      "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html",
      "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-template-nested-applications.html",
    ],
    examples: [
      .compliant("no nested application"),
      .change("a nested application, capabilities without CAPABILITY_AUTO_EXPAND", addNestedApplication),
      .change(
        "a nested application, CAPABILITY_AUTO_EXPAND acknowledged", addNestedApplication,
        .edit(.samconfig, "capabilities = \"CAPABILITY_IAM\"\n", "capabilities = \"CAPABILITY_IAM CAPABILITY_AUTO_EXPAND\"\n"), expect: .pass),
    ])

  /// Adds `Monitoring`, an application nested from a template at a URL.
  static let addNestedApplication = RuleExample.Edit.edit(
    .template, "  Service:\n    Type: AWS::ECS::Service\n",
    "  Monitoring:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: https://example.com/monitoring.yaml\n\n  Service:\n    Type: AWS::ECS::Service\n")

  func evaluate(_ context: RuleContext) -> Verdict {
    let nested = context.template.resources.filter { $0.type == Self.nestedApplicationType }
    guard let first = nested.first else { return .pass("no nested application") }
    let acknowledged = AcknowledgedCapabilities(context)
    if acknowledged.names.contains("CAPABILITY_AUTO_EXPAND") {
      return .pass("CAPABILITY_AUTO_EXPAND acknowledged\(context.inEnvironment) for nested application \(first.logicalID)")
    }
    if let unknown = acknowledged.unknownAtRunTime {
      return .needsEvidence("the template nests application \(first.logicalID); the capabilities the deploy script passes are only known at run time: \(unknown)")
    }
    return .fail(.error(
      "config env \(context.environmentName) acknowledges \(acknowledged.described), but the template nests application \(first.logicalID) (\(Self.nestedApplicationType)); the change set fails with \"Requires capabilities : [CAPABILITY_AUTO_EXPAND]\"",
      at: acknowledged.location(context), related: nested.map { .init("nested application", at: $0.location) }))
  }
}

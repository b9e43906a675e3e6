import TemplateModel

/// 10.6: updates go through a change set, and production confirms it before it runs.
struct ChangeSetReviewRule: Rule {
  static let definition = RuleDefinition(
    id: "changeset-confirmed-in-prod",
    requirements: ["10.6"],
    title: "Production deploys confirm the change set",
    rationale: "`sam deploy` always creates a change set; with confirm_changeset true it shows the changes and waits for a yes before executing. A production env without it (or a deploy script passing --no-confirm-changeset) applies replacements unseen.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.samconfig],
    sources: ["https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html"],
    examples: [
      .compliant(),
      .change("prod does not confirm", .edit(.samconfig, "confirm_changeset = true", "confirm_changeset = false"), environment: "prod"),
    ])

  static func isProduction(_ name: String) -> Bool {
    ["prod", "production", "prd", "live"].contains(name.lowercased())
  }

  func evaluate(_ context: RuleContext) -> Verdict {
    let configuration = context.template.scenario.configuration
    guard Self.isProduction(configuration.environment) else {
      return .pass("env \(configuration.environment) is not production; change sets are created by sam deploy")
    }
    let setting = configuration.confirmChangeset
    if setting?.value.literal == "true" { return .pass("env \(configuration.environment) confirms every change set", evidence: setting.map { [$0.origin.location] } ?? []) }
    let at = setting?.origin.location ?? context.project.samconfig?.environment(configuration.environment)?.location ?? context.templateStart
    return .fail(.error("production env \(configuration.environment) has confirm_changeset \(setting?.value.description ?? "unset (false)"); its change sets run without review", at: at))
  }
}

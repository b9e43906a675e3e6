import ShellScriptModel
import TemplateModel

/// 11.5 and 10.2: a command-line `--parameter-overrides` replaces the env's samconfig
/// `parameter_overrides`, so every samconfig override must be passed again.
struct SamOverridesReplaceRule: Rule {
  static let definition = RuleDefinition(
    id: "sam-cli-overrides-replace",
    requirements: ["11.5", "10.2"],
    title: "Command-line parameter overrides do not drop samconfig's",
    rationale: "SAM CLI uses the command line's --parameter-overrides instead of the config env's list, not in addition to it (aws/aws-sam-cli#2380): parameters set only in samconfig are silently not sent. A new stack then fails; an existing one keeps old values.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript, .samconfig],
    sources: ["https://github.com/aws/aws-sam-cli/issues/2380", "https://github.com/aws/aws-sam-cli/pull/7876"],
    examples: [
      .compliant(),
      .change("samconfig sets a parameter the script does not pass", .edit(.samconfig, "s3_prefix = \"vibejudge-dashboard-prod\"", "s3_prefix = \"vibejudge-dashboard-prod\"\nparameter_overrides = \"Owner=platform\""), expect: .warn, environment: "prod", alsoFails: ["10.2"]),
      .change("Environment only in samconfig", .edit(.samconfig, "s3_prefix = \"vibejudge-dashboard-prod\"", "s3_prefix = \"vibejudge-dashboard-prod\"\nparameter_overrides = \"Environment=prod\""), .edit(.deployScript, "    \"Environment=${ENV}\" \\\n", ""), environment: "prod", alsoFails: ["*"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let configuration = context.template.scenario.configuration
    guard let command = configuration.command else { return .pass("the deploy script passes no --parameter-overrides; samconfig's list applies") }
    guard command.parameterOverrides != nil else { return .pass("sam deploy passes no --parameter-overrides; samconfig's list applies") }
    let dropped = configuration.droppedOverrides
    guard !dropped.isEmpty else { return .pass("the command line passes every samconfig override again") }
    let template = context.template.template
    let names = dropped.map(\.value.key)
    let fatal = names.filter { template.parameter($0)?.defaultValue == nil && template.parameter($0) != nil }
    let message = "`sam deploy --parameter-overrides` on the command line replaces [\(configuration.environment).deploy.parameters].parameter_overrides; \(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") not sent" + (fatal.isEmpty ? "; they fall back to their Default on a new stack and to the previous value on an existing one" : "; \(fatal.joined(separator: ", ")) \(fatal.count == 1 ? "has" : "have") no Default, so creating the stack fails")
    return Verdict(findings: [Finding(fatal.isEmpty ? .warning : .error, message, at: command.location, related: dropped.map { .init("the samconfig override that is ignored", at: $0.location) })], passNote: "")
  }
}

import Diagnostics
import Foundation
import ShellScriptModel
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
      .change("prod confirms with \"yes\" (click's BOOL reads it as true)", .edit(.samconfig, "confirm_changeset = true", "confirm_changeset = \"yes\""), expect: .pass, environment: "prod"),
      .change("prod's confirm_changeset is \"maybe\", not a boolean", .edit(.samconfig, "confirm_changeset = true", "confirm_changeset = \"maybe\""), environment: "prod"),
      .change("sam deploy passes no --config-env: SAM CLI reads samconfig's default env, which does not confirm", .edit(.deployScript, "    --config-env \"$ENV\" \\\n", ""), environment: "prod", alsoFails: ["10.4"]),
      .change("prod misspells confirm_changeset (SAM CLI ignores the key)", .edit(.samconfig, "confirm_changeset = true", "confirm_changset = true"), environment: "prod"),
      .change("the script answers the prompt: yes | sam deploy", .edit(.deployScript, "  sam deploy \\\n", "  yes | sam deploy \\\n"), environment: "prod"),
    ])

  /// Where the deploy script feeds `invocation`'s standard input itself: a pipe from an
  /// earlier command (`yes | sam deploy`), or an input redirection (`<`, `<<`, `<<<`) of
  /// file descriptor 0. SAM CLI reads the change-set confirmation from standard input
  /// (a `y` answers it), so no one reviews the change set then. Nil when stdin is the
  /// caller's.
  static func scriptFedInput(_ invocation: CommandInvocation) -> SourceLocation? {
    if invocation.context.frames.contains(where: { if case .pipeline(let position, _) = $0 { position > 0 } else { false } }) {
      return invocation.statementLocation
    }
    let input: Set<Redirection.Operator> = [.input, .hereDocument, .hereDocumentStrippingTabs, .hereString]
    return invocation.redirections.first { input.contains($0.op) && ($0.fileDescriptor ?? 0) == 0 && $0.fileDescriptorVariable == nil }?.location
  }

  /// A config env named for production: `prod`, `production`, `prd` or `live`, alone or
  /// as a part of the name between `-`, `_` or `.` (`prod-eu`, `eu_production`), not
  /// inside a word (`preprod`) nor after `non` or `pre` (`non-prod`, `pre-prod`).
  static func isProduction(_ name: String) -> Bool {
    let production: Set<Substring> = ["prod", "production", "prd", "live"]
    let parts = name.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
    return parts.indices.contains { index in
      production.contains(parts[index]) && (index == 0 || !["non", "pre"].contains(parts[index - 1]))
    }
  }

  /// A samconfig value as SAM CLI reads it for a boolean option: through click's `BOOL`
  /// type, which takes (trimmed, any case) `1`, `true`, `t`, `yes`, `y`, `on` and `0`,
  /// `false`, `f`, `no`, `n`, `off`, and rejects anything else
  /// (https://click.palletsprojects.com/en/stable/parameter-types/). Nil for the rest.
  static func clickBoolean(_ text: String) -> Bool? {
    switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
    case "1", "true", "t", "yes", "y", "on": return true
    case "0", "false", "f", "no", "n", "off": return false
    default: return nil
    }
  }

  func evaluate(_ context: RuleContext) -> Verdict {
    let configuration = context.template.scenario.configuration
    guard Self.isProduction(configuration.environment) else {
      return .pass("env \(configuration.environment) is not production; change sets are created by sam deploy")
    }
    let setting = configuration.confirmChangeset
    let confirms = setting?.value.literal.flatMap(Self.clickBoolean)
    if let setting, let text = setting.value.literal, confirms == nil {
      return .fail(.error("production env \(configuration.environment) has confirm_changeset \(text), which is not a boolean: SAM CLI stops with \"is not a valid boolean\" (write true)", at: setting.origin.location))
    }
    if confirms == true, let deploy = context.deployRun?.mainSamDeploy, let fed = Self.scriptFedInput(deploy) {
      return .fail(.error("production env \(configuration.environment) confirms change sets, but the deploy script feeds `sam deploy` its standard input at \(fed), which answers the confirmation prompt: its change sets run without review", at: fed))
    }
    if confirms == true { return .pass("env \(configuration.environment) confirms every change set", evidence: setting.map { [$0.origin.location] } ?? []) }
    let unset = setting == nil ? configuration.unsetReason(of: "confirm_changeset", in: context.project.samconfig) : nil
    let at = setting?.origin.location ?? unset?.location ?? context.templateStart
    let why = (unset?.notes ?? []).map { "; \($0)" }.joined()
    return .fail(.error("production env \(configuration.environment) has confirm_changeset \(setting?.value.description ?? "unset (false)"); its change sets run without review\(why)", at: at))
  }
}

import Diagnostics
import ProjectModel
import ShellScriptModel
import TemplateModel

/// 11.7: the stack the script deploys and queries is the one samconfig names for the env:
/// a `sam deploy --stack-name` equals the env's `stack_name` (when samconfig sets one), and
/// every stack the script queries is the stack `sam deploy` deploys (`--stack-name`, else
/// samconfig's `stack_name`).
struct StackNameMatchRule: Rule {
  static let definition = RuleDefinition(
    id: "deploy-stack-name-match",
    requirements: ["11.7"],
    title: "Script queries the stack samconfig deploys, in its region",
    rationale: "A script that builds its own stack name for describe-stacks fails after a successful deploy (\"Stack with id ... does not exist\") when the name differs from samconfig's stack_name for the env. A `--stack-name` that differs from samconfig's deploys a second copy of the env next to the stack samconfig (and `sam deploy --config-env`, `sam list stack-outputs --config-env`) names, and prints that copy's URL.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript, .samconfig],
    sources: ["https://github.com/guardian/cf-notify/issues/11"],
    examples: [
      .compliant(),
      .change("PATH prepended with another directory", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nPATH=\"/tmp/tools:$PATH\"\n"), expect: .needsEvidence),
      .change("the script deploys to the caller's AWS_REGION, which may not be samconfig's region", .edit(.deployScript, "readonly REGION=\"us-east-1\"", "readonly REGION=\"${AWS_REGION}\""), expect: .needsEvidence),
      .change("script deploys a stack other than samconfig's", .edit(.deployScript, "readonly STACK_NAME=\"vibejudge-dashboard-${ENV}\"", "readonly STACK_NAME=\"vibejudge-${ENV}\"")),
      .change("samconfig deploys to another region", .edit(.samconfig, "region = \"us-east-1\"", "region = \"eu-west-1\"")),
      .change("stack outputs read in another region", .edit(.deployScript, "  value=\"$(aws cloudformation describe-stacks --stack-name \"$STACK_NAME\" --region \"$REGION\"", "  value=\"$(aws cloudformation describe-stacks --stack-name \"$STACK_NAME\" --region eu-west-1")),
      .change("samconfig deploys another stack name", .edit(.samconfig, "stack_name = \"vibejudge-dashboard-prod\"", "stack_name = \"vibejudge-dash-prod\""), .edit(.deployScript, "    --stack-name \"$STACK_NAME\" \\\n    --region \"$REGION\" \\\n    --parameter-overrides", "    --region \"$REGION\" \\\n    --parameter-overrides"), environment: "prod"),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    CommandShadowingLimit.limit(unlimitedVerdict(context), relyingOnCommandsNamed: ["aws", "sam", "exit"], in: context)
  }

  /// The verdict as the script reads, before `CommandShadowingLimit`.
  private func unlimitedVerdict(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    let configuration = context.template.scenario.configuration
    guard let deployed = configuration.stackName else {
      return .fail(.error("config env \(configuration.environment) names no stack (no stack_name in samconfig, no --stack-name)", at: context.project.samconfig?.environment(configuration.environment)?.location ?? context.scriptStart))
    }
    let queries = run.evaluation.commands.filter { command in
      (command.isCommand("aws") && command.isSubcommand("cloudformation") && command.hasFlag("--stack-name"))
        || (command.isCommand("sam") && command.isSubcommand("list", "stack-outputs"))
    }
    var unknown: [String] = []
    var findings: [Finding] = []
    if case .commandLine(let location) = deployed.origin,
      let configured = context.project.samconfig?.environment(configuration.environment)?.deployParameters["stack_name"]
    {
      if let name = deployed.value.literal {
        if name != configured.text {
          findings.append(.error("sam deploy --stack-name \(name) replaces samconfig's stack_name \(configured.text) for env \(configuration.environment): the script deploys and reads stack \(name), not the env's stack \(configured.text)", at: location, related: [.init("stack_name of env \(configuration.environment)", at: configured.location)]))
        }
      } else {
        unknown.append("stack name \(deployed.value.description)")
      }
    }
    findings += queries.compactMap { query in
      guard let argument = query.value(ofFlag: "--stack-name") else { return nil }
      guard let name = argument.literal else { unknown.append("stack name \(argument.description)"); return nil }
      guard let expected = deployed.value.literal else { unknown.append("stack name \(deployed.value.description)"); return nil }
      if name == expected { return nil }
      return .error("\(query.subcommandPath.joined(separator: " ")) uses stack \(name), but sam deploy deploys \(expected) for env \(configuration.environment); the lookup fails after a successful deploy", at: argument.location, related: [.init("stack name of env \(configuration.environment)", at: deployed.origin.location)])
    }
    if let region = configuration.region, case .commandLine(let location) = region.origin, let name = region.value.literal,
      let configured = context.project.samconfig?.environment(configuration.environment)?.deployParameters["region"], name != configured.text
    {
      findings.append(.error("sam deploy --region \(name) replaces samconfig's region \(configured.text) for env \(configuration.environment): the script deploys the env's stack to \(name), not where samconfig (and `sam deploy --config-env`, `sam list stack-outputs --config-env`) finds it", at: location, related: [.init("region of env \(configuration.environment)", at: configured.location)]))
    }
    // A --region known only at run time (the caller's `AWS_REGION`) may deploy the stack
    // elsewhere than samconfig's region, where `--config-env` lookups find it.
    if let region = configuration.region, case .commandLine = region.origin, region.value.literal == nil,
      let configured = context.project.samconfig?.environment(configuration.environment)?.deployParameters["region"]
    {
      unknown.append("region \(region.value.description) (samconfig's is \(configured.text))")
    }
    findings += regionMismatches(queries, run: run, configuration: configuration, samconfig: context.project.samconfig?.environment(configuration.environment)?.location)
    if findings.isEmpty && !unknown.isEmpty { return .needsEvidence("only known at run time: \(unknown.uniqued(by: { $0 }).joined(separator: ", "))") }
    return Verdict(findings: findings, passNote: "queries stack \(deployed.value)" + (configuration.region?.value.literal.map { " in \($0)" } ?? ""))
  }

  /// Queries that name a region other than the one `sam deploy` deploys the env's stack to
  /// (`--region` on the command line, else samconfig's `region`): a stack is looked up in
  /// the region the call names (`--region`, else `AWS_REGION`/`AWS_DEFAULT_REGION`, else
  /// the profile's), so the lookup fails or reads another stack of the same name
  /// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html, "Precedence of options").
  private func regionMismatches(_ queries: [CommandInvocation], run: DeployScriptRun, configuration: DeployConfiguration, samconfig: SourceLocation?) -> [Finding] {
    guard let deployedRegion = configuration.region, let expected = deployedRegion.value.literal else { return [] }
    var seen = Set<SourceLocation>()
    return queries.compactMap { query in
      let region = query.value(ofFlag: "--region")
      let value = region?.value ?? ["AWS_REGION", "AWS_DEFAULT_REGION"].lazy.compactMap { run.evaluation.variable($0) }.first
      guard let name = value?.literal, name != expected, seen.insert(region?.location ?? query.location).inserted else { return nil }
      return .error(
        "\(query.commandName ?? "") \(query.subcommandPath.joined(separator: " ")) reads the stack in \(name), but sam deploy deploys it to \(expected) for env \(configuration.environment): the script reads the outputs of a stack that is not the one it deployed",
        at: region?.location ?? query.location, related: [.init("the region of env \(configuration.environment)", at: deployedRegion.origin.location)])
    }
  }
}

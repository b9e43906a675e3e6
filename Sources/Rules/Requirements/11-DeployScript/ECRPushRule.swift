import Diagnostics
import Requirements
import ShellScriptModel
import TemplateModel

/// 2.3 and 11.4: the script logs in to ECR and pushes both tags, to the repository the
/// template creates for this env, in the env's region.
struct ECRPushRule: Rule {
  static let definition = RuleDefinition(
    id: "ecr-push-both-tags",
    requirements: ["2.3", "11.4"],
    title: "Script logs in to ECR and pushes the SHA and latest tags to the env's repository",
    rationale: "`docker push` to ECR needs a login (`aws ecr get-login-password | docker login --password-stdin`) first. Both tags must be pushed, to the repository the stack creates and in the region samconfig deploys to; otherwise the task pulls an image that is not there.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript, .template],
    sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-push-ecr-image.html"],
    examples: [
      .compliant(),
      .change("latest not pushed", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "")),
      .change("no ECR login", .edit(.deployScript, "if ! aws ecr get-login-password --region \"$REGION\" | docker login --username AWS --password-stdin \"$REGISTRY\"; then", "if ! true; then")),
      .change("pushes to another region than samconfig's", .edit(.deployScript, "readonly REGISTRY=\"${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com\"", "readonly REGISTRY=\"${ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com\"")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .notApplicable("no deploy script") }
    guard let moving = context.value("moving-tag", of: "2.3")?.text else { return .missingValue("moving-tag", of: "2.3") }
    let commands = run.evaluation.commands
    let pushes = commands.filter { $0.isCommand("docker") && $0.isSubcommand("push") }
    var findings: [Finding] = []
    func error(_ message: String, at location: SourceLocation, only requirements: [RequirementID]) {
      var finding = Finding.error(message, at: location)
      finding.onlyRequirements = requirements
      findings.append(finding)
    }
    let targets = pushes.compactMap { push in push.resolvedArguments.last.map { (push, $0) } }
    if !targets.contains(where: { $0.1.imageTag?.isCommitSHA == true }) {
      error("no docker push of the commit-SHA tag; pushed: \(targets.map(\.1.description).joined(separator: ", "))", at: pushes.first?.location ?? context.scriptStart, only: ["2.3", "11.4"])
    }
    if !targets.contains(where: { $0.1.imageTag?.literal == moving }) {
      error("no docker push of the \(moving) tag; pushed: \(targets.map(\.1.description).joined(separator: ", "))", at: pushes.first?.location ?? context.scriptStart, only: ["2.3", "11.4"])
    }
    let login = commands.first { $0.isCommand("docker") && $0.isSubcommand("login") }
    let password = commands.first { $0.isCommand("aws") && $0.isSubcommand("ecr", "get-login-password") }
    if login == nil || password == nil {
      error("the script does not log in to ECR (aws ecr get-login-password | docker login --password-stdin) before pushing", at: pushes.first?.location ?? context.scriptStart, only: ["11.4"])
    } else if let login, let first = pushes.first, login.order > first.order {
      error("docker login runs after the first docker push", at: login.location, only: ["11.4"])
    }
    let region = context.template.scenario.configuration.region?.value.literal
    let repository = context.template.resources(ofType: "AWS::ECR::Repository").first?["RepositoryName"]?.string
    for (push, target) in targets {
      guard let text = target.imageRepository?.description, let marker = text.range(of: ".dkr.ecr.") else { continue }
      let afterMarker = text[marker.upperBound...]
      let pushRegion = afterMarker.prefix { $0 != "." }
      if let region, !pushRegion.contains("$"), pushRegion != region {
        error("pushes to ECR in \(pushRegion) while config env \(context.environmentName) deploys to \(region) (samconfig); the task pulls from \(region)", at: push.location, only: ["11.4"])
      }
      if let slash = afterMarker.firstIndex(of: "/"), let repository {
        let pushed = String(afterMarker[afterMarker.index(after: slash)...])
        if !pushed.contains("$"), pushed != repository {
          error("pushes to repository \(pushed) but the template creates \(repository) in env \(context.environmentName)", at: push.location, only: ["11.4"])
        }
      }
    }
    return Verdict(findings: findings, passNote: "logs in to ECR and pushes <sha> and \(moving) to \(repository ?? "the repository") in \(region ?? "the region")", evidence: pushes.map(\.location))
  }
}

import Diagnostics
import ProjectModel
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
    rationale: "`docker push` to ECR needs a login to that registry first: `aws ecr get-login-password --region <registry's region> | docker login --password-stdin <account>.dkr.ecr.<region>.amazonaws.com`. A token from another region is refused (400 Bad Request) and a push to a registry without a login fails (no basic auth credentials). Both tags must be pushed (`docker push`, `docker image push`, `docker push --all-tags`, or `docker buildx build --push`), to the repository the stack creates and in the region samconfig deploys to; otherwise the task pulls an image that is not there.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript, .template],
    sources: [
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-push-ecr-image.html",
      "https://docs.aws.amazon.com/cli/latest/reference/ecr/get-login-password.html",
      "https://github.com/aws/aws-cli/issues/5317",
      "https://docs.docker.com/reference/cli/docker/image/push/",
      "https://docs.docker.com/reference/cli/docker/buildx/build/#push",
    ],
    examples: [
      .compliant(),
      .change("latest not pushed", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "")),
      .change("no ECR login", .edit(.deployScript, "if ! aws ecr get-login-password --region \"$REGION\" | docker login --username AWS --password-stdin \"$REGISTRY\"; then", "if ! true; then")),
      .change("pushes to another region than samconfig's", .edit(.deployScript, "readonly REGISTRY=\"${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com\"", "readonly REGISTRY=\"${ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com\"")),
      .change("logs in to another region's registry", .edit(.deployScript, "docker login --username AWS --password-stdin \"$REGISTRY\"; then", "docker login --username AWS --password-stdin \"${ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com\"; then")),
      .change("login token for another region", .edit(.deployScript, "if ! aws ecr get-login-password --region \"$REGION\" | docker login", "if ! aws ecr get-login-password --region eu-west-1 | docker login")),
      .change("logs in to Docker Hub", .edit(.deployScript, "docker login --username AWS --password-stdin \"$REGISTRY\"; then", "docker login --username AWS --password-stdin; then")),
      .change("pushes every tag with --all-tags", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" || die \"docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated\"\ndocker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "docker push --all-tags \"${REPOSITORY_URI}\" || die \"docker push of ${REPOSITORY_URI} failed; the stack was not updated\"\n"), expect: .pass),
      .change("pushes both tags in a for loop", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" || die \"docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated\"\ndocker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "for tag in \"${IMAGE_TAG}\" latest; do\n  docker push \"${REPOSITORY_URI}:${tag}\" || die \"docker push of ${REPOSITORY_URI}:${tag} failed; the stack was not updated\"\ndone\n"), expect: .pass),
      .change("pushes with docker image push", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" ||", "docker image push \"${REPOSITORY_URI}:${IMAGE_TAG}\" ||"), .edit(.deployScript, "docker push \"${REPOSITORY_URI}:latest\" ||", "docker image push --quiet \"${REPOSITORY_URI}:latest\" ||"), expect: .pass),
      .change("pushes from a buildx build after the login", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" || die \"docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated\"\ndocker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "docker buildx build --push --platform linux/amd64 --build-arg \"APP_VERSION=${IMAGE_TAG}\" -f docker/Dockerfile -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" -t \"${REPOSITORY_URI}:latest\" .\n"), expect: .pass),
      .change("docker aliased to true (aliases expanded)", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nshopt -s expand_aliases\nalias docker=true\n"), expect: .needsEvidence),
      .change("a helper file sourced", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nsource ./deploy.env\n"), expect: .needsEvidence),
      .change("PATH prepended with another directory", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nPATH=\"/tmp/tools:$PATH\"\n"), expect: .needsEvidence),
      .change("aws shadowed by a function", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\naws() { echo token; }\n"), expect: .needsEvidence),
      .change("buildx --push of the SHA tag only", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" || die \"docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated\"\ndocker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "docker buildx build --push --platform linux/amd64 -f docker/Dockerfile -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" .\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    guard let moving = context.value("moving-tag", of: "2.3")?.text else { return .missingValue("moving-tag", of: "2.3") }
    let commands = run.evaluation.commands
    let (pushes, listsEveryPush) = run.pushList
    guard listsEveryPush else {
      return .needsEvidence(
        "the script's `docker push --all-tags` lines push more than \(DeployScriptRun.maximumAllTagsReferences) tagged references; vibe-rules lists at most \(DeployScriptRun.maximumAllTagsReferences), so which tags reach the registry is not read to the end")
    }
    var findings: [Finding] = []
    func error(_ message: String, at location: SourceLocation, related: [Finding.Related] = [], only requirements: [RequirementID]) {
      var finding = Finding.error(message, at: location, related: related)
      finding.onlyRequirements = requirements
      findings.append(finding)
    }
    let pushed = pushes.map(\.reference.description).joined(separator: ", ")
    let hasSHA = pushes.contains { $0.reference.imageTag?.isCommitSHA == true }
    let hasMoving = pushes.contains { $0.reference.imageTag?.literal == moving }
    if (!hasSHA || !hasMoving), let stop = context.scriptStop(before: "it pushes the image", only: ["2.3", "11.4"]) {
      findings.append(stop)
    } else {
      if !hasSHA {
        error("no docker push of the commit-SHA tag; pushed: \(pushed)", at: pushes.first?.location ?? context.scriptStart, only: ["2.3", "11.4"])
      }
      if !hasMoving {
        error("no docker push of the \(moving) tag; pushed: \(pushed)", at: pushes.first?.location ?? context.scriptStart, only: ["2.3", "11.4"])
      }
    }
    let logins = commands.filter { $0.isCommand("docker") && $0.isSubcommand("login") }
    let tokens = commands.filter { $0.isCommand("aws") && $0.isSubcommand("ecr", "get-login-password") }
    if logins.isEmpty || tokens.isEmpty {
      if !pushes.isEmpty {
        error("the script does not log in to ECR (aws ecr get-login-password | docker login --password-stdin) before pushing", at: pushes.first?.location ?? context.scriptStart, only: ["11.4"])
      }
    } else if let login = logins.first, let first = pushes.first, login.order > first.command.order {
      error("docker login runs after the first docker push", at: login.location, only: ["11.4"])
    }
    findings += loginMismatches(pushes: pushes, logins: logins, tokens: tokens, run: run)
    let region = context.template.scenario.configuration.region?.value.literal
    let repository = context.template.resources(ofType: "AWS::ECR::Repository").first?["RepositoryName"]?.string
    for push in pushes {
      guard let text = push.reference.imageRepository?.description ?? Optional(push.reference.description), let marker = text.rangeOfText(".dkr.ecr.") else { continue }
      let afterMarker = text[marker.upperBound...]
      let pushRegion = afterMarker.prefix { $0 != "." }
      if let region, !pushRegion.containsText("$"), pushRegion != region {
        error("pushes to ECR in \(pushRegion) while config env \(context.environmentName) deploys to \(region) (samconfig); the task pulls from \(region)", at: push.location, only: ["11.4"])
      }
      if let slash = afterMarker.firstIndex(of: "/"), let repository {
        let pushedRepository = String(afterMarker[afterMarker.index(after: slash)...])
        if !pushedRepository.containsText("$"), pushedRepository != repository {
          error("pushes to repository \(pushedRepository) but the template creates \(repository) in env \(context.environmentName)", at: push.location, only: ["11.4"])
        }
      }
    }
    let relied = pushes.map(\.command) + logins + tokens
      + CommandShadowingLimit.gitCommands(before: pushes.map(\.command.order).max() ?? commands.count, in: run.evaluation)
    return CommandShadowingLimit.limit(
      Verdict(findings: findings, passNote: "logs in to ECR and pushes <sha> and \(moving) to \(repository ?? "the repository") in \(region ?? "the region")", evidence: pushes.map(\.location)),
      relyingOn: relied)
  }

  /// For each registry pushed to: the script logs in to that registry before the first
  /// push to it, with a password `aws ecr get-login-password` made for the registry's
  /// region. A login to another host, or a token of another region, leaves the push
  /// without credentials.
  private func loginMismatches(pushes: [ImagePush], logins: [CommandInvocation], tokens: [CommandInvocation], run: DeployScriptRun) -> [Finding] {
    var findings: [Finding] = []
    var checked: [RegistryHost] = []
    for push in pushes {
      guard let host = RegistryHost(reference: push.reference), !checked.contains(where: { $0.isSame(as: host) == true }) else { continue }
      checked.append(host)
      let earlier = logins.filter { $0.order < push.command.order }
      guard !earlier.isEmpty else { continue }
      let candidates = earlier.map { (login: $0, host: RegistryHost(login: $0)) }
      if let match = candidates.last(where: { $0.host.map { $0.isSame(as: host) != false } ?? false }) {
        guard let token = token(feeding: match.login, among: tokens), let tokenRegion = region(of: token, run: run), let pushRegion = host.region,
          tokenRegion != pushRegion
        else { continue }
        var finding = Finding.error(
          "`aws ecr get-login-password --region \(tokenRegion)` makes a password for the \(tokenRegion) registry, but the script logs in to \(host.text) in \(pushRegion) with it: the registry refuses the login (400 Bad Request) and the pushes to it fail",
          at: token.value(ofFlag: "--region")?.location ?? token.location, related: [.init("the docker login", at: match.login.location), .init("the push", at: push.location)])
        finding.onlyRequirements = ["11.4"]
        findings.append(finding)
        continue
      }
      let other = candidates.last!
      var finding = Finding.error(
        "docker login logs in to \(other.host?.text ?? "Docker Hub (no registry named)"), but the script pushes to \(host.text): without a login to that registry the push fails (no basic auth credentials)",
        at: RegistryHost.operand(of: other.login)?.location ?? other.login.location, related: [.init("the push", at: push.location)])
      finding.onlyRequirements = ["11.4"]
      findings.append(finding)
    }
    return findings
  }

  /// The `get-login-password` whose output the login reads: the command before it in its
  /// pipeline, one inside a `$(...)` in its arguments, else the latest before it.
  private func token(feeding login: CommandInvocation, among tokens: [CommandInvocation]) -> CommandInvocation? {
    let frames = login.context.frames
    if let last = frames.last, case .pipeline(let position, let count) = last, position > 0 {
      let depth = frames.count - 1
      if let piped = tokens.last(where: { token in
        token.order < login.order && token.context.sharesConstructs(with: login.context, depth: depth) && token.context.frames.count > depth
          && token.context.frames[depth] == .pipeline(position: position - 1, count: count)
          && token.context.anchors.count > depth && token.context.anchors[depth] == login.context.anchors[depth]
      }) {
        return piped
      }
    }
    return tokens.last { $0.order < login.order }
  }

  /// The region a CLI call runs in: `--region`, else `AWS_REGION`/`AWS_DEFAULT_REGION` as
  /// the script sets them (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html).
  private func region(of command: CommandInvocation, run: DeployScriptRun) -> String? {
    if let flag = command.value(ofFlag: "--region") { return flag.literal }
    return ["AWS_REGION", "AWS_DEFAULT_REGION"].lazy.compactMap { run.evaluation.variable($0)?.literal }.first
  }
}

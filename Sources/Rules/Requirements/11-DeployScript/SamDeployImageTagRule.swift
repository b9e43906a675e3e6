import ShellScriptModel
import TemplateModel

/// 11.5: `sam deploy` passes the commit SHA as ImageTag, every parameter without a Default
/// gets a value, and the task definition runs the template's repository at that tag.
struct SamDeployImageTagRule: Rule {
  static let definition = RuleDefinition(
    id: "sam-deploy-image-tag",
    requirements: ["11.5"],
    title: "sam deploy passes the commit SHA as ImageTag and every required parameter, and the task runs it",
    rationale: "Only the image tag changes between deploys; unless `sam deploy` passes it, the stack keeps running the previous image. The task definition must build its image from the ImageTag parameter. SAM CLI sends every other parameter as UsePreviousValue, which it drops when it creates a stack: a parameter without a Default that the override list (the command line's, which replaces samconfig's) does not give fails CreateChangeSet (\"Parameters: [X] must have values\").",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript, .template],
    sources: [
      "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html",
      "https://github.com/aws/aws-sam-cli/blob/develop/samcli/lib/deploy/deployer.py",
    ],
    examples: [
      .compliant(),
      .change("ImageTag not passed", .edit(.deployScript, "    \"ImageTag=${IMAGE_TAG}\" \\\n", ""), alsoFails: ["10.2"]),
      .change("task runs latest", .edit(.template, "Image: !Sub \"${EcrRepository.RepositoryUri}:${ImageTag}\"", "Image: !Sub \"${EcrRepository.RepositoryUri}:latest\"")),
      .change(
        "prod stops before the build", .edit(.deployScript, "# --- 2. Build (before touching AWS resources)", "case \"$ENV\" in\n  prod)\n    echo \"prod is not supported yet\"\n    exit 1\n    ;;\nesac\n\n# --- 2. Build (before touching AWS resources)"),
        environment: "prod", alsoFails: ["*"]),
      .change("sam shadowed by a function", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nsam() { :; }\n"), expect: .needsEvidence),
      .change("sam shadowed with the function keyword", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nfunction sam { echo \"skipping sam $*\"; }\n"), expect: .needsEvidence),
      .change("set -n: nothing after it runs", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nset -o noexec\n"), expect: .needsEvidence),
      .change("an ordinary helper function", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\ndeploy_stack() { log \"deploying $*\"; }\n"), expect: .pass),
      .change("Environment not passed", .edit(.deployScript, "    --parameter-overrides \\\n    \"Environment=${ENV}\" \\\n", "    --parameter-overrides \\\n"),
        alsoFails: ["10.2", "4.4", "9.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    guard let deploy = run.mainSamDeploy else {
      return .fail(context.scriptStop(before: "it runs sam deploy") ?? .error("the deploy script runs no `sam deploy` for config env \(context.environmentName)", at: context.scriptStart))
    }
    var findings: [Finding] = []
    let overrides = deploy.parameterOverrides ?? []
    let imageTag = overrides.first { $0.key == "ImageTag" }
    if imageTag == nil {
      findings.append(.error("`sam deploy` passes no ImageTag in --parameter-overrides (\(overrides.compactMap(\.key).joined(separator: ", "))); the stack keeps its previous image", at: deploy.location))
    } else if let imageTag, !imageTag.value.isCommitSHA {
      findings.append(.error("`sam deploy` passes ImageTag=\(imageTag.value.description), not the commit SHA (git rev-parse HEAD)", at: imageTag.location))
    }
    let unset = context.template.scenario.parameters.values.filter { $0.value == .missing && ($0.name != "ImageTag" || imageTag != nil) }.map(\.name).sorted()
    if !unset.isEmpty {
      findings.append(.error("`sam deploy` gives \(unset.joined(separator: ", ")) no value (no Default, not in --parameter-overrides): creating the stack fails (\"Parameters: [\(unset.joined(separator: ","))] must have values\") and an existing stack silently keeps the previous value", at: deploy.location))
    }
    for container in context.template.serviceContainers {
      guard let image = container["Image"] else { continue }
      let usesParameter: Bool = {
        if case .deployValue(let name, _) = image.unresolved { return name == "ImageTag" }
        if case .concatenation(let parts) = image.unresolved {
          return parts.contains { if case .deployValue(let name, _) = $0.unresolved { name == "ImageTag" } else { false } }
            || parts.contains { $0.string != nil && imageTag?.value.literal != nil && $0.string!.hasSuffix(imageTag!.value.literal!) }
        }
        return false
      }()
      if !usesParameter {
        findings.append(.error("container \(container.name ?? "?") runs \(image.display), which does not use the ImageTag that sam deploy passes", at: image.location, related: [.init("sam deploy", at: deploy.location)], path: container.path + "/Image"))
      }
    }
    return CommandShadowingLimit.limit(
      Verdict(findings: findings, passNote: "sam deploy passes ImageTag=<git sha>; the task runs <repository>:<ImageTag>", evidence: [deploy.location]),
      relyingOn: [deploy] + CommandShadowingLimit.gitCommands(before: deploy.order, in: run.evaluation))
  }
}

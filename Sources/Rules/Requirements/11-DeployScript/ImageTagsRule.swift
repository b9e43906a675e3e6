import ProjectModel
import ShellScriptModel

/// 11.2, 11.3: the image is built tagged with the current commit SHA, and also with the
/// moving tag (`latest`).
struct ImageTagsRule: Rule {
  static let definition = RuleDefinition(
    id: "image-tags",
    requirements: ["11.2", "11.3"],
    title: "Image is tagged with the commit SHA and latest",
    rationale: "The commit SHA ties every running image to its source; the moving tag lets humans pull the newest build. `git rev-parse --short HEAD` gives the SHA; `docker build -t repo:$SHA -t repo:latest` or a later `docker tag` gives both.",
    scope: .perEnvironment, artifacts: [.deployScript],
    sources: ["https://docs.docker.com/reference/cli/docker/buildx/build/#tag"],
    examples: [
      .compliant(),
      .change("no latest tag", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n", "")),
      .change("tagged with the branch name", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git rev-parse --abbrev-ref HEAD)\"; then"), alsoFails: ["2.3", "11.4", "11.5"]),
      .change("tagged with the parent commit", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD~1)\"; then"), alsoFails: ["2.3", "11.4", "11.5"]),
      .change("tagged with the last commit of one folder", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git log -1 --format=%h -- streamlit_ui)\"; then"), alsoFails: ["2.3", "11.4", "11.5"]),
      .change("build options in an array", .edit(.deployScript, "docker build \\\n  --platform linux/amd64 \\\n  --build-arg \"APP_VERSION=${IMAGE_TAG}\" \\\n  -f docker/Dockerfile \\\n  -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" \\\n  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "BUILD_ARGS=(--platform linux/amd64 --build-arg \"APP_VERSION=${IMAGE_TAG}\" -f docker/Dockerfile -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" -t \"${REPOSITORY_URI}:latest\")\ndocker build \"${BUILD_ARGS[@]}\" .\n"), expect: .pass),
      .change("full SHA cut to 7 characters", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git rev-parse HEAD | cut -c1-7)\"; then"), expect: .pass),
      .change("another image tagged with the SHA after the build", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\ndocker tag alpine:3.19 \"${REPOSITORY_URI}:${IMAGE_TAG}\"\n"), alsoFails: ["2.3", "11.4", "11.5"]),
      .change("an image the files cannot name tagged latest", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\ndocker tag \"$(cat base-image.txt)\" \"${REPOSITORY_URI}:latest\"\n"), expect: .needsEvidence),
      .change("the build runs in the background", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  . &\n"), expect: .needsEvidence),
      .change("latest pulled from the registry after the build", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\ndocker pull \"${REPOSITORY_URI}:latest\"\n")),
      .change("latest pulled by its repository name alone after the build", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\ndocker pull \"${REPOSITORY_URI}\"\n")),
      .change("latest pulled after the push", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\ndocker pull \"${REPOSITORY_URI}:latest\"\n"), expect: .pass),
      .change("latest pulled, then tagged as the SHA", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\ndocker pull \"${REPOSITORY_URI}:latest\"\ndocker tag \"${REPOSITORY_URI}:latest\" \"${REPOSITORY_URI}:${IMAGE_TAG}\"\n"), alsoFails: ["2.3", "11.4", "11.5"]),
      .change("latest pulled and pushed again after the push", .edit(.deployScript, "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\ndocker pull \"${REPOSITORY_URI}:latest\"\ndocker push \"${REPOSITORY_URI}:latest\"\n"), expect: .pass),
      .change("latest pulled before the build (as a cache)", .edit(.deployScript, "docker build \\\n  --platform linux/amd64 \\\n", "docker pull \"${REPOSITORY_URI}:latest\" || true\ndocker build \\\n  --platform linux/amd64 \\\n"), expect: .pass),
      .change("the built image tagged again", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\ndocker tag \"${REPOSITORY_URI}:${IMAGE_TAG}\" \"${REPOSITORY_URI}:stable\"\n"), expect: .pass),
      .change("git show -s --no-color --format=%h", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git show -s --no-color --format=%h)\"; then"), expect: .pass),
      .change("another repository's HEAD", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git -C /tmp rev-parse --short HEAD)\"; then"), alsoFails: ["2.3", "11.4", "11.5"]),
      .change("git log -1 --format=%h", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git log -1 --format=%h)\"; then"), expect: .pass),
      .change("a 12-character abbreviation", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git rev-parse --short=12 HEAD)\"; then"), expect: .pass),
      .change("a substring of the full SHA", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(git rev-parse HEAD)\"; then"), .edit(.deployScript, "readonly IMAGE_TAG\n", "IMAGE_TAG=\"${IMAGE_TAG:0:7}\"\nreadonly IMAGE_TAG\n"), expect: .pass),
      .change("docker shadowed by a function", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\ndocker() { :; }\n"), expect: .needsEvidence),
      .change("git shadowed by a function that prints a fixed SHA", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\ngit() { echo 1234567; }\n"), expect: .needsEvidence),
      .change("a DEBUG trap that can skip commands (extdebug)", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nshopt -s extdebug\ntrap 'return 1' DEBUG\n"), expect: .needsEvidence),
      .change("a RETURN trap that can change PATH after every function (set -T)", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nset -T\ntrap 'PATH=/tmp/tools' RETURN\n"), expect: .needsEvidence),
      .change("an array subscript that assigns PATH (bash evaluates it as arithmetic)", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\ntags[PATH=0]=latest\n"), expect: .needsEvidence),
      .change("a variable named by the caller's environment", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\ndeclare \"$TOOLS_VARIABLE=/tmp/tools\"\n"), expect: .needsEvidence),
      .change("docker aliased through BASH_ALIASES with a quoted key", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nBASH_ALIASES[\"docker\"]=true\n"), expect: .needsEvidence),
      .change("PATH only appended to", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nexport PATH=\"$PATH:/opt/tools/bin\"\n"), expect: .pass),
      .change("tagged with a timestamp", .edit(.deployScript, "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then", "if ! IMAGE_TAG=\"$(date +%Y%m%d%H%M%S)\"; then"), alsoFails: ["2.3", "11.4", "11.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    guard let moving = context.value("moving-tag", of: "11.3")?.text else { return .missingValue("moving-tag", of: "11.3") }
    let builds = run.imageBuilds
    guard let build = builds.first else {
      var finding = context.scriptStop(before: "it builds the image") ?? Finding.error("the deploy script runs no docker build", at: context.scriptStart)
      finding.onlyRequirements = ["11.2", "11.3"]
      return .fail(finding)
    }
    let tags = run.localImageReferences.map(\.reference.value)
    var findings: [Finding] = []
    if !tags.contains(where: { $0.imageTag?.isCommitSHA == true }) {
      var finding = Finding.error("no image tag is the commit SHA (`git rev-parse HEAD`); the build is tagged \(tags.map(\.description).joined(separator: ", "))", at: build.location)
      finding.onlyRequirements = ["11.2"]
      findings.append(finding)
    }
    if !tags.contains(where: { $0.imageTag?.literal == moving }) {
      var finding = Finding.error("the image is not also tagged \(moving); tags: \(tags.map(\.description).joined(separator: ", "))", at: build.location)
      finding.onlyRequirements = ["11.3"]
      findings.append(finding)
    }
    // The tags must name the image the build made: a retag from another image replaces
    // it; a build in the background may not have finished (or may fail unseen) when the
    // next steps run (Bash Reference Manual, 3.2.4 "Lists of Commands": `&` runs it
    // asynchronously; `set -e` does not see its status).
    var undecided: [String] = []
    let pushList = run.pushList
    if !pushList.isComplete {
      undecided.append("the script's `docker push --all-tags` lines push more than \(DeployScriptRun.maximumAllTagsReferences) tagged references, and vibe-rules lists at most \(DeployScriptRun.maximumAllTagsReferences): a pull that points a pushed tag at the registry's image may be missed")
    }
    for (command, target, known) in run.foreignTags(pushes: pushList.pushes) {
      let tag = target.value.imageTag
      guard tag?.isCommitSHA == true || tag?.literal == moving else { continue }
      let written = command.resolvedWords.map(\.description).joined(separator: " ")
      if known {
        let what = DeployScriptRun.pullOperand(command) != nil ? "points \(target.value.description) at the registry's image" : "tags another image as \(target.value.description)"
        var finding = Finding.error("`\(written)` \(what) after the build: the pushed tag is not the image built", at: command.location)
        finding.onlyRequirements = tag?.isCommitSHA == true ? ["11.2"] : ["11.3"]
        findings.append(finding)
      } else {
        undecided.append("`\(written)` at \(command.location) tags an image the files cannot name as \(target.value.description)")
      }
    }
    if let background = builds.first(where: { $0.context.frames.contains(.background) }) {
      undecided.append("the docker build at \(background.location) runs in the background (`&`): the script does not wait for it or see it fail before tagging and pushing")
    }
    let tagging = run.localImageReferences.map(\.command)
    let relied = [build] + tagging + CommandShadowingLimit.gitCommands(before: (tagging.map(\.order) + [build.order]).max()!, in: run.evaluation)
    var verdict = Verdict(findings: findings, passNote: "built as <repo>:<git sha> and <repo>:\(moving)", evidence: [build.location])
    if !undecided.isEmpty {
      verdict = findings.isEmpty ? .needsEvidence(undecided.joined(separator: "; "), evidence: [build.location]) : verdict
      if !findings.isEmpty { verdict.undecidedNote = undecided.joined(separator: "; ") }
    }
    return CommandShadowingLimit.limit(verdict, relyingOn: relied)
  }
}

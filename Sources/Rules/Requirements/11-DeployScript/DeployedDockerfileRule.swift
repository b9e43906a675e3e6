import Diagnostics
import DockerfileModel
import Foundation
import ProjectModel
import ShellScriptModel

/// 11.2: the image the script builds is the one vibe-rules checks: `docker build` reads
/// the Dockerfile and the build context vibe-rules reads (`docker/Dockerfile` and the
/// repository root, or `--dockerfile`/`--context`), produces the final stage (no
/// `--target` of another stage), and passes no `--build-arg` that changes a base image.
struct DeployedDockerfileRule: Rule {
  static let definition = RuleDefinition(
    id: "deploy-builds-checked-dockerfile",
    requirements: ["11.2"],
    title: "Script builds the Dockerfile, context and stage vibe-rules checks",
    rationale: "Every image requirement (1.x, 4.3, 4.7) is decided from one Dockerfile and one build context. If deploy.sh builds another file (`-f`), another context directory, another stage (`--target`), or overrides an ARG a FROM line uses (`--build-arg`), those verdicts describe an image that is never deployed. `-f` is relative to the directory docker runs in; without it the Dockerfile is `<context>/Dockerfile`.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript],
    sources: [
      "https://docs.docker.com/reference/cli/docker/buildx/build/#file",
      "https://docs.docker.com/reference/cli/docker/buildx/build/#target",
      "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact",
      "https://github.com/docker/cli/issues/1549",
    ],
    examples: [
      .compliant(),
      .change("cd shadowed by a function that stays where it is", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\ncd() { :; }\n"), expect: .needsEvidence),
      .change("builds another Dockerfile", .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f docker/Dockerfile.prod \\\n")),
      .change("builds the context's default Dockerfile", .edit(.deployScript, "  -f docker/Dockerfile \\\n", "")),
      .change("builds from another context", .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n", "  -t \"${REPOSITORY_URI}:latest\" \\\n  streamlit_ui\n")),
      .change("builds the builder stage: the image facts are the builder's", .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f docker/Dockerfile \\\n  --target builder \\\n"), expect: .pass, alsoFails: ["1.1", "1.3", "1.4", "1.7"]),
      .change("a debug stage after runtime, built with --target runtime", .edit(.dockerfile, "\"--server.address=0.0.0.0\"]\n", "\"--server.address=0.0.0.0\"]\nFROM runtime AS debug\nUSER root\n"), .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f docker/Dockerfile \\\n  --target runtime \\\n"), expect: .pass),
      .change("a debug stage last, built without --target", .edit(.dockerfile, "\"--server.address=0.0.0.0\"]\n", "\"--server.address=0.0.0.0\"]\nFROM runtime AS debug\nUSER root\n"), expect: .pass, alsoFails: ["1.3"]),
      .change("asks for a stage the Dockerfile lacks", .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f docker/Dockerfile \\\n  --target debug \\\n")),
      .change("dev builds the builder stage, prod the runtime stage", .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f docker/Dockerfile \\\n  --target \"$BUILD_TARGET\" \\\n"), .edit(.deployScript, "readonly MIN_TASKS=2\n", "readonly MIN_TASKS=2\nBUILD_TARGET=runtime\nif [[ \"$ENV\" == dev ]]; then BUILD_TARGET=builder; fi\n"), environment: "dev"),
      .change("the same file named another way", .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  --file=./docker/../docker/Dockerfile \\\n  --target runtime \\\n"), expect: .pass),
      .change("builds from the docker folder", .edit(.deployScript, "cd \"$REPO_ROOT\"\n", "cd \"$REPO_ROOT/docker\"\n"), .edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f Dockerfile \\\n")),
      .change(
        "a --build-arg replaces the base image", .edit(.dockerfile, "FROM python:3.12-slim AS builder", "ARG PYTHON_IMAGE=python:3.12-slim\nFROM ${PYTHON_IMAGE} AS builder"),
        .edit(.deployScript, "  --build-arg \"APP_VERSION=${IMAGE_TAG}\" \\\n", "  --build-arg \"APP_VERSION=${IMAGE_TAG}\" \\\n  --build-arg PYTHON_IMAGE=python:3.13-slim \\\n"), expect: .warn),
    ])

  /// `docker build` options that take a value (so the value is not the context operand).
  static let optionsWithValues: Set = [
    "-f", "--file", "-t", "--tag", "--build-arg", "--target", "--platform", "--label", "--secret", "--ssh", "--cache-from",
    "--cache-to", "-o", "--output", "--progress", "--network", "--add-host", "--iidfile", "--metadata-file", "--builder",
    "--shm-size", "--ulimit", "--build-context", "--annotation", "--attest", "--allow", "--cgroup-parent", "--call", "--sbom",
    "--provenance", "-m", "--memory", "--cpu-shares", "--cpuset-cpus",
  ]

  func evaluate(_ context: RuleContext) -> Verdict {
    let project = context.project
    guard let run = context.deployRun, let script = project.deployScriptFile else { return .absent("no deploy script") }
    guard let dockerfile = project.dockerfile, let dockerfileFile = project.dockerfileFile, let buildContext = project.buildContext else {
      return missingDockerfiles(run, script: script, root: project.root) ?? .absent("no Dockerfile or build context to compare with")
    }
    let builds = run.imageBuilds
    guard !builds.isEmpty else {
      if let stop = context.scriptStop(before: "it builds the image") { return .fail(stop) }
      return .notApplicable("the deploy script builds no image")
    }
    let scriptDirectory = URL(fileURLWithPath: script.path).deletingLastPathComponent().standardizedFileURL
    let checkedDockerfile = URL(fileURLWithPath: dockerfileFile.path).standardizedFileURL.path
    let checkedContext = URL(fileURLWithPath: buildContext.path).standardizedFileURL.path
    let dockerfileStart = SourceLocation.start(of: dockerfileFile.displayName)
    var findings: [Finding] = []
    var unknown: [String] = []
    let track = BuildWorkingDirectory.Track(run.evaluation)
    for build in builds {
      let directory: [String]
      switch track.before(build) {
      case .relative(let components): directory = components
      case .unknown(let reason):
        unknown.append(reason)
        continue
      }
      func path(_ relative: String) -> String {
        let components = relative.hasPrefix("/") ? BuildWorkingDirectory.split(relative) : directory + BuildWorkingDirectory.split(relative)
        let base = relative.hasPrefix("/") ? URL(fileURLWithPath: "/") : scriptDirectory
        return components.reduce(base) { $0.appendingPathComponent($1) }.standardizedFileURL.path
      }
      let operands = build.positionalArguments(optionsWithValues: Self.optionsWithValues).dropFirst(build.subcommandPath.first == "build" ? 1 : 2)
      guard let operand = operands.last, let contextText = operand.literal else {
        unknown.append("the build context of the docker build at line \(build.location.line) is only known at run time")
        continue
      }
      if contextText == "-" || contextText.containsText("://") || contextText.hasPrefix("git@") {
        findings.append(.error("the docker build at line \(build.location.line) builds from \(contextText == "-" ? "standard input" : contextText), not from the build context vibe-rules checks (\(buildContext.displayName))", at: operand.location, related: [.init("the checked Dockerfile", at: dockerfileStart)]))
        continue
      }
      let builtContext = path(contextText)
      if builtContext != checkedContext {
        findings.append(.error("the docker build at line \(build.location.line) sends \(BuildWorkingDirectory.display(builtContext, root: project.root)) as its build context, but vibe-rules checks the context \(buildContext.displayName): the COPY sources and .dockerignore checked are not the ones deployed", at: operand.location, related: [.init("the checked build context", at: .start(of: buildContext.displayName))]))
      }
      let file = build.value(ofFlag: "-f", "--file")
      let builtDockerfile: String
      if let file {
        guard let text = file.literal, text != "-" else {
          unknown.append("the Dockerfile of the docker build at line \(build.location.line) is only known at run time")
          continue
        }
        builtDockerfile = path(text)
      } else {
        builtDockerfile = URL(fileURLWithPath: builtContext).appendingPathComponent("Dockerfile").standardizedFileURL.path
      }
      if builtDockerfile != checkedDockerfile {
        findings.append(.error("the docker build at line \(build.location.line) builds \(BuildWorkingDirectory.display(builtDockerfile, root: project.root))\(file == nil ? " (the context's default Dockerfile)" : ""), but vibe-rules checks \(dockerfileFile.displayName) (choose another with --dockerfile): the checked Dockerfile is not the one deployed", at: file?.location ?? build.location, related: [.init("the checked Dockerfile", at: dockerfileStart)]))
      }
      let checkedStage = dockerfile.finalStage.name ?? "#\(dockerfile.finalStage.index)"
      if let target = build.value(ofFlag: "--target") {
        if let name = target.literal {
          if let stage = dockerfile.stage(named: name) {
            if stage.index != dockerfile.finalStage.index {
              findings.append(.error("the docker build at line \(build.location.line) stops at stage \(name) (--target), but vibe-rules checks stage \(checkedStage)\(Self.targetsNote(project)): the deployed image is another stage", at: target.location, related: [.init("stage \(name)", at: stage.location), .init("the checked stage", at: dockerfile.finalStage.location)]))
            }
          } else {
            findings.append(.error("the docker build at line \(build.location.line) asks for stage \(name) (--target), which \(dockerfileFile.displayName) does not have: the build fails", at: target.location, related: [.init("the checked Dockerfile", at: dockerfileStart)]))
          }
        } else {
          unknown.append("the --target of the docker build at line \(build.location.line) is only known at run time")
        }
      }
      if build.value(ofFlag: "--target") == nil, dockerfile.targetIndex != nil {
        findings.append(.error("the docker build at line \(build.location.line) builds the last stage (no --target), but vibe-rules checks stage \(checkedStage) (--target): the deployed image is another stage", at: build.location, related: [.init("the checked stage", at: dockerfile.finalStage.location)]))
      }
      findings += baseImageOverrides(build, dockerfile: dockerfile, file: dockerfileFile.displayName)
    }
    if findings.isEmpty && !unknown.isEmpty {
      return .needsEvidence("whether the script builds the checked Dockerfile cannot be read statically: " + unknown.joined(separator: "; "))
    }
    return CommandShadowingLimit.limit(
      Verdict(findings: findings, passNote: "builds \(dockerfileFile.displayName) (final stage) from the context \(buildContext.displayName)", evidence: builds.map(\.location)),
      // The build's paths are relative to the directory `cd`/`pushd` moved to before it.
      relyingOn: builds + run.evaluation.commands.filter { [lastBuild = builds.map(\.order).max() ?? 0] command in
        (command.isCommand("cd") || command.isCommand("pushd")) && command.order < lastBuild
      })
  }

  /// With no Dockerfile to check: the builds whose `-f` names a file that does not exist
  /// (the build fails), as a failing verdict; nil when there are none.
  private func missingDockerfiles(_ run: DeployScriptRun, script: ArtifactFile, root: String) -> Verdict? {
    let scriptDirectory = URL(fileURLWithPath: script.path).deletingLastPathComponent().standardizedFileURL
    let track = BuildWorkingDirectory.Track(run.evaluation)
    let findings = run.imageBuilds.compactMap { build -> Finding? in
      guard let file = build.value(ofFlag: "-f", "--file"), file.literal != "-",
        case .path(let path) = BuildWorkingDirectory.file(file.value, of: build, in: track, scriptDirectory: scriptDirectory),
        FileBytes.size(of: path) == nil
      else { return nil }
      return .error("the docker build at line \(build.location.line) builds \(BuildWorkingDirectory.display(path, root: root)), which does not exist: the build fails", at: file.location)
    }
    return findings.isEmpty ? nil : Verdict(findings: findings, passNote: "")
  }

  /// `--build-arg NAME=VALUE` for a global ARG a FROM line reads: the base image the
  /// image facts assume (the ARG's default) is not the one built.
  private func baseImageOverrides(_ build: CommandInvocation, dockerfile: Dockerfile, file: String) -> [Finding] {
    var findings: [Finding] = []
    let globals = dockerfile.globalArgs.flatMap { located -> [(ArgDeclaration, SourceLocation)] in
      if case .arg(let declarations) = located.instruction { return declarations.map { ($0, located.location) } }
      return []
    }
    for argument in build.values(ofFlag: "--build-arg") {
      let buildArgument = BuildArgument(argument.value.description)
      let name = buildArgument.name, value = buildArgument.value
      guard let (declaration, location) = globals.last(where: { $0.0.name == name }) else { continue }
      let readers = dockerfile.stages.filter { $0.from.image.contains("$" + name) || $0.from.image.contains("${" + name) }
      guard let reader = readers.first else { continue }
      if let value, argument.value.literal != nil, value == declaration.defaultValue { continue }
      let given = value.map { argument.value.literal != nil ? $0 : "\($0) (known at run time)" } ?? "the environment's \(name)"
      findings.append(.warning("the docker build at line \(build.location.line) passes --build-arg \(name)=\(given), and FROM \(reader.from.image) at \(file):\(reader.location.line) reads it: the image vibe-rules checks assumes \(name)=\(declaration.defaultValue ?? "(no default)"), so the base image checked is not the one built", at: argument.location, related: [.init("ARG \(name)", at: location), .init("the FROM that reads it", at: reader.location)]))
    }
    return findings
  }

  /// When the config envs' builds name different `--target` stages: vibe-rules checks one
  /// image, so it says which env builds which and how to choose.
  static func targetsNote(_ project: Project) -> String {
    var targets: [String] = []
    for name in project.environments.map(\.scenario.environment) {
      let target = project.deployRuns[name]?.imageBuilds.last?.value(ofFlag: "--target")?.literal ?? "(last stage)"
      targets.append("\(name) builds \(target)")
    }
    guard Set(targets.map { $0.split(separator: " ").last! }).count > 1 else { return "" }
    return " (the config envs build different stages: \(targets.joined(separator: ", ")); vibe-rules checks one image, choose it with --target)"
  }
}

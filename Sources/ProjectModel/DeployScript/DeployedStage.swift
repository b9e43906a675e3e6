import Diagnostics
import DockerfileModel
import ShellScriptModel

extension Project {
  /// Chooses the Dockerfile stage and build arguments the image facts describe: the stage
  /// `--target` (or `target:` in `.vibe-rules.yaml`) names, else the one the deploy
  /// script's `docker build --target` names when every config env builds the same one,
  /// else the last stage; and the `--build-arg` values of that build (a value the envs
  /// disagree on, or only known at run time, stays unknown). A build's `--build-arg`
  /// replaces the default of the ARG of the same name
  /// (https://docs.docker.com/reference/dockerfile/#arg,
  /// https://docs.docker.com/reference/cli/docker/buildx/build/#build-arg).
  ///
  /// - Throws: `InputError` when `--target` names no stage of the Dockerfile.
  mutating func selectDeployedStage(_ options: ProjectOptions) throws(InputError) {
    guard let dockerfile else { return }
    var builds: [CommandInvocation] = []
    for name in environments.map(\.scenario.environment) {
      if let build = deployRuns[name]?.imageBuilds.last { builds.append(build) }
    }
    var index: Int?
    if let target = options.target {
      guard let stage = dockerfile.stage(named: target) ?? Int(target).flatMap({ $0 >= 0 && $0 < dockerfile.stages.count ? dockerfile.stages[$0] : nil }) else {
        let location = configuration?.target.flatMap { $0.value == target ? $0.location : nil }
        throw InputError(
          "--target \(target) names no stage of \(dockerfile.file) (stages: \(dockerfile.stages.map { $0.name ?? "#\($0.index)" }.joined(separator: ", ")))",
          at: location)
      }
      index = stage.index
    } else {
      let targets = builds.map { $0.value(ofFlag: "--target")?.literal }
      if let first = targets.first, let name = first, targets.allSatisfy({ $0 == name }), let stage = dockerfile.stage(named: name) {
        index = stage.index
      }
    }
    var arguments: [String: String?] = [:]
    for (position, build) in builds.enumerated() {
      var given: [String: String?] = [:]
      for argument in build.values(ofFlag: "--build-arg") {
        let name = BuildArgument(argument.value.description).name
        guard !name.isEmpty, !name.containsText("$") else { continue }
        let value = argument.literal.flatMap { BuildArgument($0).value }
        given[name] = .some(value)
      }
      if position == 0 {
        arguments = given
      } else {
        for name in Set(arguments.keys).union(given.keys) where arguments[name] != given[name] { arguments[name] = .some(nil) }
      }
    }
    guard index != nil || !arguments.isEmpty else { return }
    self.dockerfile = dockerfile.building(stage: index ?? dockerfile.stages.count - 1, buildArguments: arguments.isEmpty ? .unknown : .overriding(arguments))
  }
}

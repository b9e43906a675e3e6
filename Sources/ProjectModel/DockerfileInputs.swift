import Diagnostics
import DockerfileModel

/// The Dockerfile, its build context and the `.dockerignore` that applies, as
/// `Project.loadDeployment` reads them: on a worker thread, while the deploy script is
/// parsed and walked, then applied to the project (`Project.apply(_:)`).
struct DockerfileInputs: Sendable {
  var dockerfile: Dockerfile?
  var dockerfileFile: ArtifactFile?
  /// The waivers written in the Dockerfile's comments.
  var waivers: [Waiver] = []
  var buildContext: ArtifactFile?
  var dockerignore: DockerIgnore?
  var dockerignoreFile: ArtifactFile?
  /// Why an artifact is missing, by kind (`dockerfile`, `build-context`, `dockerignore`).
  var absences: [String: String] = [:]
  /// The paths read, in order: the Dockerfile, then the ignore file.
  var inputFiles: [String] = []

  /// Reads what `options` names under `root`, or finds it at its default path: the ignore
  /// file is `<Dockerfile>.dockerignore` when it exists (BuildKit's per-Dockerfile ignore
  /// file), else the build context's `.dockerignore`, unless `--dockerignore` names one.
  ///
  /// - Throws: `InputError` for a named path that does not exist or a file that does not
  ///   parse.
  static func read(_ options: ProjectOptions, root: String) throws(InputError) -> DockerfileInputs {
    var inputs = DockerfileInputs()
    if let file = try ArtifactFile.resolve(options.dockerfile, fallback: ProjectOptions.defaultDockerfile, root: root, option: "--dockerfile") {
      inputs.dockerfileFile = file
      inputs.inputFiles.append(file.path)
      let source = try file.source()
      let parsed = try Dockerfile.parse(source)
      inputs.dockerfile = parsed
      inputs.waivers = try WaiverReader.fromDockerfile(source, parsed)
    } else {
      inputs.absences["dockerfile"] = "no Dockerfile at \(ProjectOptions.defaultDockerfile) (use --dockerfile)"
    }
    if let context = try ArtifactFile.resolve(options.context, fallback: ProjectOptions.defaultContext, root: root, option: "--context", directory: true) {
      inputs.buildContext = context
    } else {
      inputs.absences["build-context"] = "no build context directory"
    }
    let perDockerfile = inputs.dockerfileFile.map { $0.path + ".dockerignore" }
    let ignore: ArtifactFile?
    if options.dockerignore == nil, let perDockerfile, FileBytes.size(of: perDockerfile) != nil {
      // Found, not resolved: the check `resolve` makes for the other two.
      let checked = try ArtifactFile.requireInsideWhenInRepository(perDockerfile, root: root, name: ArtifactFile.displayName(perDockerfile, root: root))
      ignore = ArtifactFile(path: perDockerfile, displayName: ArtifactFile.displayName(perDockerfile, root: root), enclosingRoot: checked ? root : nil)
    } else if options.dockerignore == nil, let context = inputs.buildContext {
      ignore = try ArtifactFile.resolve(nil, fallback: ArtifactFile.join(context.path, ".dockerignore"), root: ".", option: "--dockerignore", inside: root)
        .map { ArtifactFile(path: $0.path, displayName: ArtifactFile.displayName($0.path, root: root), enclosingRoot: $0.enclosingRoot) }
    } else {
      ignore = try ArtifactFile.resolve(options.dockerignore, fallback: ProjectOptions.defaultDockerignore, root: root, option: "--dockerignore")
    }
    if let ignore {
      inputs.dockerignoreFile = ignore
      inputs.inputFiles.append(ignore.path)
      inputs.dockerignore = try DockerIgnore.parse(ignore.source())
    } else {
      inputs.absences["dockerignore"] = "no .dockerignore in the build context"
    }
    return inputs
  }
}

extension Project {
  /// Takes what `inputs` read: its artifacts, waivers, absences and input files (after
  /// those read before it).
  mutating func apply(_ inputs: DockerfileInputs) {
    dockerfile = inputs.dockerfile
    dockerfileFile = inputs.dockerfileFile
    waivers += inputs.waivers
    buildContext = inputs.buildContext
    dockerignore = inputs.dockerignore
    dockerignoreFile = inputs.dockerignoreFile
    absences.merge(inputs.absences) { _, read in read }
    inputFiles += inputs.inputFiles
  }
}

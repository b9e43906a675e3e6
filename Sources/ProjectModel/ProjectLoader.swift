import Diagnostics
import DockerfileModel
import Requirements
import ShellScriptModel
import TemplateModel

extension Project {
  /// Loads every artifact `options` names (or finds at its default path), then evaluates
  /// the template for each config env.
  ///
  /// - Throws: `InputError` for a named path that does not exist, a file that does not
  ///   parse, or a requested config env that samconfig does not define.
  public static func load(_ given: ProjectOptions) throws(InputError) -> Project {
    let root = given.root
    guard FileBytes.isDirectory(root) else {
      throw InputError("--root \(root): no such directory", at: nil)
    }
    // `.vibe-rules.yaml` fills in what the command line leaves unset.
    let configuration = try VibeRulesConfiguration.locate(given)
    let options = try configuration?.applied(to: given) ?? given
    // The built-in catalogue is parsed only when the repository has none (rules still
    // fall back to it, lazily, for a value the repository's catalogue lacks).
    var requirements: RequirementCatalogue
    var read: [String] = []
    if let file = try VibeRulesConfiguration.file(given) { read.append(file.path) }
    if let file = try ArtifactFile.resolve(options.requirements, fallback: ProjectOptions.defaultRequirements, root: root, option: "--requirements") {
      read.append(file.path)
      requirements = try RequirementCatalogue.parse(SourceText.read(path: file.path, displayName: file.displayName))
    } else {
      requirements = RequirementCatalogue.builtIn
    }
    if let configuration { requirements = try configuration.restricting(requirements) }
    var project = Project(root: root, requirements: requirements)
    project.inputFiles = read
    project.configuration = configuration
    project.waivers += configuration?.waivers ?? []

    if let file = try ArtifactFile.resolve(options.template, fallback: ProjectOptions.defaultTemplate, root: root, option: "--template") {
      project.templateFile = file
      project.inputFiles.append(file.path)
      project.template = try Template.load(SourceText.read(path: file.path, displayName: file.displayName))
      project.waivers += try WaiverReader.fromTemplate(project.template!)
    } else {
      project.absences["template"] = "no template at \(ProjectOptions.defaultTemplate) (use --template)"
    }
    if let file = try ArtifactFile.resolve(options.samconfig, fallback: ProjectOptions.defaultSamconfig, root: root, option: "--samconfig") {
      project.samconfigFile = file
      project.inputFiles.append(file.path)
      project.samconfig = try SamConfig.load(SourceText.read(path: file.path, displayName: file.displayName))
    } else {
      project.absences["samconfig"] = "no samconfig at \(ProjectOptions.defaultSamconfig) (use --samconfig)"
    }
    if let file = try ArtifactFile.resolve(options.deployScript, fallback: ProjectOptions.defaultDeployScript, root: root, option: "--deploy-script") {
      project.deployScriptFile = file
      project.inputFiles.append(file.path)
      let source = try SourceText.read(path: file.path, displayName: file.displayName)
      project.deployScriptSource = source
      project.deployScript = try ShellScript.parse(source)
    } else {
      project.absences["deploy-script"] = "no deploy script at \(ProjectOptions.defaultDeployScript) (use --deploy-script)"
    }
    try project.loadDockerfile(options)
    if let file = try ArtifactFile.resolve(options.imageInspect, fallback: "", root: root, option: "--image-inspect"), options.imageInspect != nil {
      project.inputFiles.append(file.path)
      project.imageInspection = try ImageInspection.parse(SourceText.read(path: file.path, displayName: file.displayName))
    }
    try project.loadEvidence(options)
    // Envs from the configuration (no --env given) are named where they are written.
    let written = given.environments.isEmpty ? configuration?.environments ?? [] : []
    try project.evaluateEnvironments(
      requested: options.environments,
      writtenAt: Dictionary(written.map { ($0.value, $0.location) }, uniquingKeysWith: { first, _ in first }))
    try project.selectDeployedStage(options)
    return project
  }

  /// The config envs to evaluate: those requested, else every deployable env of
  /// samconfig, else SAM CLI's `default` env (template defaults only).
  ///
  /// - Throws: `InputError` for a requested env samconfig does not define, at the place
  ///   `writtenAt` gives for it (its `.vibe-rules.yaml` entry; none for `--env`).
  mutating func evaluateEnvironments(requested: [String], writtenAt: [String: SourceLocation] = [:]) throws(InputError) {
    // Without a template, envs still exist (samconfig and the deploy script describe
    // them): they are evaluated over an empty template, and template rules are not
    // applicable because the template is absent.
    let template = self.template ?? EvaluatedTemplate.empty.template
    var names: [String] = []
    for name in requested where !names.contains(name) { names.append(name) }
    if let samconfig {
      for name in requested where samconfig.environment(name) == nil {
        throw InputError("config env \"\(name)\" is not defined in \(samconfig.file) (it has: \(samconfig.environments.map(\.name).joined(separator: ", ")))", at: writtenAt[name])
      }
      if names.isEmpty { names = samconfig.deployableEnvironmentNames }
    }
    if names.isEmpty { names = ["default"] }
    environments = try names.map { name throws(InputError) in
      var command: SamDeployCommand? = nil
      if let deployScript {
        let run = DeployScriptRun(script: deployScript, environment: name)
        try run.requireComplete()
        deployRuns[name] = run
        command = run.mainSamDeploy.map(DeployScriptRun.samDeployCommand)
      }
      let configuration = try DeployConfiguration.resolve(environment: name, samconfig: samconfig, command: command)
      return TemplateEvaluator.evaluate(template, configuration: configuration)
    }
  }
}

extension Project {
  /// The Dockerfile, its build context and the ignore file that applies.
  mutating func loadDockerfile(_ options: ProjectOptions) throws(InputError) {
    if let file = try ArtifactFile.resolve(options.dockerfile, fallback: ProjectOptions.defaultDockerfile, root: root, option: "--dockerfile") {
      dockerfileFile = file
      inputFiles.append(file.path)
      let source = try SourceText.read(path: file.path, displayName: file.displayName)
      let parsed = try Dockerfile.parse(source)
      dockerfile = parsed
      waivers += try WaiverReader.fromDockerfile(source, parsed)
    } else {
      absences["dockerfile"] = "no Dockerfile at \(ProjectOptions.defaultDockerfile) (use --dockerfile)"
    }
    if let context = try ArtifactFile.resolve(options.context, fallback: ProjectOptions.defaultContext, root: root, option: "--context", directory: true) {
      buildContext = context
    } else {
      absences["build-context"] = "no build context directory"
    }
    let perDockerfile = dockerfileFile.map { $0.path + ".dockerignore" }
    let ignore: ArtifactFile?
    if options.dockerignore == nil, let perDockerfile, FileBytes.size(of: perDockerfile) != nil {
      ignore = ArtifactFile(path: perDockerfile, displayName: ArtifactFile.displayName(perDockerfile, root: root))
    } else if options.dockerignore == nil, let context = buildContext {
      ignore = try ArtifactFile.resolve(nil, fallback: ArtifactFile.join(context.path, ".dockerignore"), root: ".", option: "--dockerignore")
        .map { ArtifactFile(path: $0.path, displayName: ArtifactFile.displayName($0.path, root: root)) }
    } else {
      ignore = try ArtifactFile.resolve(options.dockerignore, fallback: ProjectOptions.defaultDockerignore, root: root, option: "--dockerignore")
    }
    if let ignore {
      dockerignoreFile = ignore
      inputFiles.append(ignore.path)
      dockerignore = try DockerIgnore.parse(SourceText.read(path: ignore.path, displayName: ignore.displayName))
    } else {
      absences["dockerignore"] = "no .dockerignore in the build context"
    }
  }
}

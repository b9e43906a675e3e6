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
    let configurationFile = try VibeRulesConfiguration.file(given)
    // The requirements and the template are read on another thread while this one reads
    // the other artifacts and walks the deploy script; errors are still reported in the
    // order the files are named (requirements, template, samconfig, deploy script,
    // Dockerfile, evidence, config envs).
    let definitions = BackgroundWork { Result { () throws(InputError) in try Definitions.load(options, configuration: configuration) } }
    var project = Project(root: root, requirements: RequirementCatalogue(source: "", requirements: []))
    project.configuration = configuration
    let deployments = Result { () throws(InputError) in try project.loadDeployment(options, given: given) }
    let loaded = try definitions.value.get()
    let configurations = try deployments.get()

    project.requirements = loaded.requirements
    project.inputFiles = (configurationFile.map { [$0.path] } ?? []) + loaded.inputFiles + project.inputFiles
    project.waivers = (configuration?.waivers ?? []) + loaded.templateWaivers + project.waivers
    project.template = loaded.template
    project.templateFile = loaded.templateFile
    if loaded.template == nil {
      project.absences["template"] = "no template at \(ProjectOptions.defaultTemplate) (use --template)"
    }
    project.evaluateEnvironments(configurations)
    try project.selectDeployedStage(options)
    return project
  }

  /// What `load` reads on its second thread: the requirement catalogue and the template.
  struct Definitions: Sendable {
    var requirements: RequirementCatalogue
    var template: Template?
    var templateFile: ArtifactFile?
    var templateWaivers: [Waiver] = []
    var inputFiles: [String] = []

    static func load(_ options: ProjectOptions, configuration: VibeRulesConfiguration?) throws(InputError) -> Definitions {
      let root = options.root  // `applied(to:)` keeps the root
      // The built-in catalogue is parsed only when the repository has none (rules still
      // fall back to it, lazily, for a value the repository's catalogue lacks).
      var definitions: Definitions
      if let file = try ArtifactFile.resolve(options.requirements, fallback: ProjectOptions.defaultRequirements, root: root, option: "--requirements") {
        definitions = Definitions(requirements: try RequirementCatalogue.parse(SourceText.read(path: file.path, displayName: file.displayName)), inputFiles: [file.path])
      } else {
        definitions = Definitions(requirements: RequirementCatalogue.builtIn)
      }
      if let configuration { definitions.requirements = try configuration.restricting(definitions.requirements) }
      if let file = try ArtifactFile.resolve(options.template, fallback: ProjectOptions.defaultTemplate, root: root, option: "--template") {
        let template = try Template.load(SourceText.read(path: file.path, displayName: file.displayName))
        definitions.templateFile = file
        definitions.inputFiles.append(file.path)
        definitions.template = template
        definitions.templateWaivers = try WaiverReader.fromTemplate(template)
      }
      return definitions
    }
  }

  /// Reads samconfig, the deploy script, the Dockerfile and evidence, then resolves each
  /// config env's deployment (the deploy script walked for it, samconfig's values), in
  /// the order `load` reports their errors. Returns the config envs' deploy
  /// configurations, for the template once it is read.
  mutating func loadDeployment(_ options: ProjectOptions, given: ProjectOptions) throws(InputError) -> [DeployConfiguration] {
    if let file = try ArtifactFile.resolve(options.samconfig, fallback: ProjectOptions.defaultSamconfig, root: root, option: "--samconfig") {
      samconfigFile = file
      inputFiles.append(file.path)
      samconfig = try SamConfig.load(SourceText.read(path: file.path, displayName: file.displayName))
    } else {
      absences["samconfig"] = "no samconfig at \(ProjectOptions.defaultSamconfig) (use --samconfig)"
    }
    if let file = try ArtifactFile.resolve(options.deployScript, fallback: ProjectOptions.defaultDeployScript, root: root, option: "--deploy-script") {
      deployScriptFile = file
      inputFiles.append(file.path)
      let source = try SourceText.read(path: file.path, displayName: file.displayName)
      deployScriptSource = source
      deployScript = try ShellScript.parse(source)
    } else {
      absences["deploy-script"] = "no deploy script at \(ProjectOptions.defaultDeployScript) (use --deploy-script)"
    }
    try loadDockerfile(options)
    if let file = try ArtifactFile.resolve(options.imageInspect, fallback: "", root: root, option: "--image-inspect"), options.imageInspect != nil {
      inputFiles.append(file.path)
      imageInspection = try ImageInspection.parse(SourceText.read(path: file.path, displayName: file.displayName))
    }
    try loadEvidence(options)
    // Envs from the configuration (no --env given) are named where they are written.
    let written = given.environments.isEmpty ? configuration?.environments ?? [] : []
    return try resolveEnvironments(
      requested: options.environments,
      writtenAt: Dictionary(written.map { ($0.value, $0.location) }, uniquingKeysWith: { first, _ in first }))
  }

  /// The config envs to evaluate: those requested, else every deployable env of
  /// samconfig, else SAM CLI's `default` env (template defaults only); for each, the
  /// deploy script walked for it (`deployRuns`) and its deploy configuration.
  ///
  /// - Throws: `InputError` for a requested env samconfig does not define, at the place
  ///   `writtenAt` gives for it (its `.vibe-rules.yaml` entry; none for `--env`).
  mutating func resolveEnvironments(requested: [String], writtenAt: [String: SourceLocation] = [:]) throws(InputError) -> [DeployConfiguration] {
    var names: [String] = []
    for name in requested where !names.contains(name) { names.append(name) }
    if let samconfig {
      for name in requested where samconfig.environment(name) == nil {
        throw InputError("config env \"\(name)\" is not defined in \(samconfig.file) (it has: \(samconfig.environments.map(\.name).joined(separator: ", ")))", at: writtenAt[name])
      }
      if names.isEmpty { names = samconfig.deployableEnvironmentNames }
    }
    if names.isEmpty { names = ["default"] }
    // One walk of the deploy script per env, on every core; checked in env order.
    let script = deployScript
    let runs = script.map { script in names.concurrentMap { DeployScriptRun(script: script, environment: $0) } }
    return try names.indices.map { index throws(InputError) in
      let name = names[index]
      var command: SamDeployCommand? = nil
      if let run = runs?[index] {
        try run.requireComplete()
        deployRuns[name] = run
        command = run.mainSamDeploy.map(DeployScriptRun.samDeployCommand)
      }
      return try DeployConfiguration.resolve(environment: name, samconfig: samconfig, command: command)
    }
  }

  /// The template evaluated for each config env. Without a template, envs still exist
  /// (samconfig and the deploy script describe them): they are evaluated over an empty
  /// template, and template rules are not applicable because the template is absent.
  mutating func evaluateEnvironments(_ configurations: [DeployConfiguration]) {
    let template = self.template ?? EvaluatedTemplate.empty.template
    environments = configurations.concurrentMap { TemplateEvaluator.evaluate(template, configuration: $0) }
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

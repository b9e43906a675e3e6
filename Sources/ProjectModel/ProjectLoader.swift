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
      throw InputError("--root \(root): \(FileBytes.exists(root) ? "not a directory" : "no such directory")", at: nil)
    }
    // `.vibe-rules.yaml` fills in what the command line leaves unset.
    let located = try VibeRulesConfiguration.locate(given)
    let configuration = located?.configuration
    let options = try configuration?.applied(to: given) ?? given
    // The requirements and the template are read on another thread while this one reads
    // the other artifacts and walks the deploy script; errors are still reported in the
    // order the files are named (requirements, template, samconfig, deploy script,
    // Dockerfile, evidence, config envs).
    let definitions = BackgroundWork { Result { () throws(InputError) in try Definitions.load(options, configuration: configuration) } }
    var project = Project(root: root, requirements: RequirementCatalogue(source: "", requirements: []))
    project.configuration = configuration
    let deployments = Result { () throws(InputError) in
      try project.loadDeployment(options, given: given, template: { definitions.value.map(\.template) })
    }
    let loaded = try definitions.value.get()
    try deployments.get()

    project.requirements = loaded.requirements
    project.inputFiles = (located.map { [$0.file.path] } ?? []) + loaded.inputFiles + project.inputFiles
    project.waivers = (configuration?.waivers ?? []) + loaded.templateWaivers + project.waivers
    project.template = loaded.template
    project.templateFile = loaded.templateFile
    if loaded.template == nil {
      project.absences["template"] = "no template at \(ProjectOptions.described(ProjectOptions.defaultTemplates)) (use --template)"
    }
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
        definitions = Definitions(requirements: try RequirementCatalogue.parse(file.source()), inputFiles: [file.path])
      } else {
        definitions = Definitions(requirements: RequirementCatalogue.builtIn)
      }
      if let configuration { definitions.requirements = try configuration.restricting(definitions.requirements) }
      if let file = try ArtifactFile.resolve(options.template, fallback: ProjectOptions.firstPresent(ProjectOptions.defaultTemplates, root: root), root: root, option: "--template") {
        let template = try Template.load(file.source())
        definitions.templateFile = file
        definitions.inputFiles.append(file.path)
        definitions.template = template
        definitions.templateWaivers = try WaiverReader.fromTemplate(template)
      }
      return definitions
    }
  }

  /// Reads samconfig, the deploy script, the Dockerfile and evidence, and sets
  /// `environments` and `deployRuns`: the Dockerfile is read on a worker thread while the
  /// deploy script is read and walked for each config env (`EnvironmentWork`: the walk and
  /// the env's deploy configuration) on this thread and the other cores; then evidence is
  /// read, and the template from `template` (which waits for it) is evaluated for each
  /// env. Errors are raised in the order `load` documents: samconfig, deploy script, Dockerfile,
  /// evidence, the config envs requested, then each env's in env order.
  mutating func loadDeployment(
    _ options: ProjectOptions, given: ProjectOptions, template: () -> Result<Template?, InputError>
  ) throws(InputError) {
    // The Dockerfile and its context are read on a worker meanwhile (its errors come after
    // samconfig's and the deploy script's).
    let docker = BackgroundWork { [root] in Result { () throws(InputError) in try DockerfileInputs.read(options, root: root) } }
    if let file = try ArtifactFile.resolve(options.samconfig, fallback: ProjectOptions.firstPresent(ProjectOptions.defaultSamconfigs, root: root), root: root, option: "--samconfig") {
      samconfigFile = file
      inputFiles.append(file.path)
      samconfig = try SamConfig.load(file.source())
    } else {
      absences["samconfig"] = "no samconfig at \(ProjectOptions.described(ProjectOptions.defaultSamconfigs)) (use --samconfig)"
    }
    if let file = try ArtifactFile.resolve(options.deployScript, fallback: ProjectOptions.defaultDeployScript, root: root, option: "--deploy-script") {
      deployScriptFile = file
      inputFiles.append(file.path)
      let source = try file.source()
      deployScriptSource = source
      deployScript = try ShellScript.parse(source)
    } else {
      absences["deploy-script"] = "no deploy script at \(ProjectOptions.defaultDeployScript) (use --deploy-script)"
    }
    let names = environmentNames(requested: options.environments)
    // Too many envs, or too long a name, is the config envs' error: raised after the
    // Dockerfile's and evidence's, and nothing is walked.
    let evaluable = Result { () throws(InputError) in try requireEvaluable(names) }
    let (script, samconfig) = (deployScript, self.samconfig)
    let budget = TemplateEvaluator.computeBudget(sharedBy: names.count)
    // The walks run here and on the other cores (this thread takes a walk rather than wait
    // for a worker) while workers read the template and the Dockerfile: they are the
    // longest part of the load besides the template. The template is evaluated for each
    // env once it is read, after every walk: no walk waits for it.
    let walked = (try? evaluable.get()) == nil ? [] : names
    let envs = walked.concurrentMap { EnvironmentWork(name: $0, script: script, samconfig: samconfig, environments: names.count) }
    apply(try docker.value.get())
    if let file = try ArtifactFile.resolve(options.imageInspect, fallback: "", root: root, option: "--image-inspect"), options.imageInspect != nil {
      inputFiles.append(file.path)
      imageInspection = try ImageInspection.parse(file.source())
    }
    try loadEvidence(options)
    // Envs from the configuration (no --env given) are named where they are written.
    let written = given.environments.isEmpty ? configuration?.environments ?? [] : []
    try evaluable.get()
    try requireDefined(options.environments, writtenAt: Dictionary(written.map { ($0.value, $0.location) }, uniquingKeysWith: { first, _ in first }))
    for env in envs {
      _ = try env.configuration.get()
      if let run = env.run { deployRuns[env.name] = run }
    }
    // A template that did not load is `load`'s error to report (it reports it first).
    guard case .success(let loaded) = template() else { return }
    environments = envs.concurrentMap { $0.evaluate(loaded, computeBudget: budget) }.compactMap { $0 }
  }

  /// The config envs to evaluate: those requested (each once), else every deployable env
  /// of samconfig, else SAM CLI's `default` env (template defaults only).
  func environmentNames(requested: [String]) -> [String] {
    var names: [String] = []
    for name in requested where !names.contains(name) { names.append(name) }
    if names.isEmpty, let samconfig { names = samconfig.deployableEnvironmentNames }
    return names.isEmpty ? ["default"] : names
  }

  /// The most config envs one run evaluates (each is a walk of the deploy script and an
  /// evaluation of the template; 10,000 envs took a minute and 2 GB).
  static let maximumEnvironments = 64

  /// The longest config env name evaluated, in characters. Every row of the matrix and
  /// several notes repeat the name: 62 names of 260,000 characters (a 16 MB samconfig)
  /// made 839 MB of output and took 2 GB.
  static let maximumEnvironmentNameLength = 256

  /// - Throws: `InputError` when `names` are more than `maximumEnvironments`, at the first
  ///   table of the first env past the limit in samconfig (no location when samconfig
  ///   does not define that env), or when a name is longer than
  ///   `maximumEnvironmentNameLength`, at its first table.
  func requireEvaluable(_ names: [String]) throws(InputError) {
    if let long = names.first(where: { $0.count > Self.maximumEnvironmentNameLength }) {
      throw InputError(
        "config env name of \(long.count) characters; vibe-rules evaluates names of at most \(Self.maximumEnvironmentNameLength) (every row of the report repeats it)",
        at: samconfig?.environment(long)?.location)
    }
    guard names.count > Self.maximumEnvironments else { return }
    let first = samconfig?.environment(names[Self.maximumEnvironments])?.location
    throw InputError("\(names.count) config envs to evaluate; vibe-rules evaluates at most \(Self.maximumEnvironments) in one run (choose some with --env or environments: in .vibe-rules.yaml)", at: first)
  }

  /// - Throws: `InputError` for a requested env samconfig does not define, at the place
  ///   `writtenAt` gives for it (its `.vibe-rules.yaml` entry; none for `--env`).
  func requireDefined(_ requested: [String], writtenAt: [String: SourceLocation]) throws(InputError) {
    guard let samconfig else { return }
    for name in requested where samconfig.environment(name) == nil {
      throw InputError("config env \"\(name)\" is not defined in \(samconfig.file) (it has: \(samconfig.environments.map(\.name).joined(separator: ", ")))", at: writtenAt[name])
    }
  }
}

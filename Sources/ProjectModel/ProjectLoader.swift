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
    // Read ahead (`readDefinitionsAhead`) when that read the files `options` name.
    let early = EarlyDefinitions.reading(options)
    let definitions = early == nil ? BackgroundWork { Result { () throws(InputError) in try Definitions.load(options, configuration: configuration) } } : nil
    var assembled: Result<Definitions, InputError>?
    func readDefinitions() -> Result<Definitions, InputError> {
      if let definitions { return definitions.value }
      if let assembled { return assembled }
      let reading = early!
      let result = Result { () throws(InputError) in
        try Definitions(catalogue: reading.catalogue.get(), template: { () throws(InputError) in try reading.template.get() }, configuration: configuration)
      }
      assembled = result
      return result
    }
    var project = Project(root: root, requirements: RequirementCatalogue(source: "", requirements: []))
    project.configuration = configuration
    let deployments = Result { () throws(InputError) in
      try project.loadDeployment(options, given: given, template: { readDefinitions().map(\.template) })
    }
    let loaded = try readDefinitions().get()
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

    /// The catalogue `options` name (else the repository's, else the built-in one) and
    /// the file it was read from.
    struct Catalogue: Sendable {
      var requirements: RequirementCatalogue
      var file: String?
    }

    /// The template `options` name (else the one at a default path), if any, and its waivers.
    struct TemplatePart: Sendable {
      var template: Template
      var file: ArtifactFile
      var waivers: [Waiver]
    }

    /// Reads the catalogue, restricts it by `configuration`, then reads the template: the
    /// errors in that order.
    static func load(_ options: ProjectOptions, configuration: VibeRulesConfiguration?) throws(InputError) -> Definitions {
      try Definitions(catalogue: readCatalogue(options), template: { () throws(InputError) in try readTemplate(options) }, configuration: configuration)
    }

    /// The definitions from a catalogue and a template read apart (`EarlyDefinitions`),
    /// the errors raised in `load`'s order: the catalogue's, the configuration's, then the
    /// template's.
    init(catalogue: Catalogue, template: () throws(InputError) -> TemplatePart?, configuration: VibeRulesConfiguration?) throws(InputError) {
      requirements = catalogue.requirements
      inputFiles = catalogue.file.map { [$0] } ?? []
      if let configuration { requirements = try configuration.restricting(requirements) }
      if let part = try template() {
        self.template = part.template
        templateFile = part.file
        templateWaivers = part.waivers
        inputFiles.append(part.file.path)
      }
    }

    /// The built-in catalogue is parsed only when the repository has none (rules still
    /// fall back to it, lazily, for a value the repository's catalogue lacks).
    static func readCatalogue(_ options: ProjectOptions) throws(InputError) -> Catalogue {
      guard let file = try ArtifactFile.resolve(options.requirements, fallback: ProjectOptions.defaultRequirements, root: options.root, option: "--requirements") else {
        return Catalogue(requirements: RequirementCatalogue.builtIn)
      }
      return Catalogue(requirements: try RequirementCatalogue.parse(file.source()), file: file.path)
    }

    static func readTemplate(_ options: ProjectOptions) throws(InputError) -> TemplatePart? {
      let root = options.root  // `applied(to:)` keeps the root
      guard let file = try ArtifactFile.resolve(options.template, fallback: ProjectOptions.firstPresent(ProjectOptions.defaultTemplates, root: root), root: root, option: "--template") else {
        return nil
      }
      let template = try Template.load(file.source())
      return TemplatePart(template: template, file: file, waivers: try WaiverReader.fromTemplate(template))
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

import ArgumentParser
import Diagnostics
import ProjectModel

/// Where the checked repository's files are. Paths are relative to `--root`.
struct ProjectInputs: ParsableArguments {
  @Option(help: "The repository to check.")
  var root: String = "."

  @Option(help: "The SAM or CloudFormation template (default: infra/template.yaml).")
  var template: String?

  @Option(help: "The SAM CLI config file, TOML or YAML (default: infra/samconfig.toml).")
  var samconfig: String?

  @Option(help: "The Dockerfile (default: docker/Dockerfile).")
  var dockerfile: String?

  @Option(help: "The .dockerignore file (default: <Dockerfile>.dockerignore beside the Dockerfile, else .dockerignore in the build context).")
  var dockerignore: String?

  @Option(help: "The Docker build context directory (default: the root).")
  var context: String?

  @Option(help: "The Dockerfile stage the deployed image is built from (default: the --target of deploy.sh's docker build, else the last stage).")
  var target: String?

  @Option(name: .customLong("deploy-script"), help: "The deploy script, read and never run (default: deploy.sh).")
  var deployScript: String?

  @Option(help: "The requirement catalogue (default: REQUIREMENTS.md, else the built-in one).")
  var requirements: String?

  @Option(name: .customLong("env"), help: "A samconfig config env to evaluate; repeat for several (default: every env of samconfig).")
  var environments: [String] = []

  @Option(name: .customLong("image-inspect"), help: "Evidence: the JSON of `docker image inspect` for the built image.")
  var imageInspect: String?

  @Option(name: .customLong("image-archive"), help: "Evidence: a `docker save` tarball or OCI image layout tar of the built image.")
  var imageArchive: String?

  @Option(name: .customLong("evidence"), help: "Evidence file written by `vibe-rules probe`; repeat for several.")
  var evidence: [String] = []

  @Option(name: .customLong("config"), help: "The configuration file (default: .vibe-rules.yaml in the root, if present).")
  var config: String?

  var options: ProjectOptions {
    var options = baseOptions
    options.imageArchive = imageArchive
    options.evidence = evidence
    options.configFile = config
    options.target = target
    return options
  }

  private var baseOptions: ProjectOptions {
    ProjectOptions(
      root: root, template: template, samconfig: samconfig, dockerfile: dockerfile, dockerignore: dockerignore,
      context: context, deployScript: deployScript, requirements: requirements, environments: environments,
      imageInspect: imageInspect)
  }

  /// The project under `--root`. Errors found loading it, and later ones (a waiver
  /// naming an unknown rule), quote their source line from the same root
  /// (`Diagnostic.inputRoot`, which `VibeRules.main` prints them with: exit status 2).
  ///
  /// - Throws: `InputError` when a file does not load, or when none of the deployment
  ///   artifacts (template, samconfig, Dockerfile, deploy script) exists: a run from the
  ///   wrong directory checks nothing and must not pass.
  func load() throws(InputError) -> Project {
    Diagnostic.inputRoot = root
    let project = try Project.load(options)
    if project.template == nil, project.samconfig == nil, project.dockerfile == nil, project.deployScript == nil {
      throw InputError(
        "nothing to check under --root \(root): no template (\(ProjectOptions.described(ProjectOptions.defaultTemplates))), samconfig (\(ProjectOptions.described(ProjectOptions.defaultSamconfigs))), Dockerfile (\(ProjectOptions.defaultDockerfile)) or deploy script (\(ProjectOptions.defaultDeployScript)); run it from the repository root, or name the files (--template, --samconfig, --dockerfile, --deploy-script)",
        at: nil)
    }
    return project
  }
}

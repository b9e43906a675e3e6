import Diagnostics

/// Where a repository's artifacts are, as the command line (or `.vibe-rules.yaml`) names
/// them. Paths are relative to `root` unless absolute; nil means the default location.
public struct ProjectOptions: Sendable {
  public var root: String
  public var template: String?
  public var samconfig: String?
  public var dockerfile: String?
  public var dockerignore: String?
  public var context: String?
  public var deployScript: String?
  public var requirements: String?
  /// Config envs to evaluate; empty means every deployable env of samconfig.
  public var environments: [String]
  /// Evidence: `docker image inspect` output of the built image.
  public var imageInspect: String?
  /// Evidence: a `docker save` tarball or an OCI image layout tar of the built image.
  public var imageArchive: String?
  /// Evidence files written by `vibe-rules probe` (and other evidence producers).
  public var evidence: [String] = []
  /// The Dockerfile stage the deployed image is built from (`docker build --target`); nil
  /// means the stage deploy.sh's `docker build --target` names, else the last stage.
  public var target: String?
  /// The configuration file (`.vibe-rules.yaml` in the root when nil).
  public var configFile: String?

  /// Default artifact locations, relative to the root.
  public static let defaultTemplate = "infra/template.yaml"
  public static let defaultSamconfig = "infra/samconfig.toml"
  public static let defaultDockerfile = "docker/Dockerfile"
  public static let defaultDockerignore = ".dockerignore"
  public static let defaultContext = "."
  public static let defaultDeployScript = "deploy.sh"
  public static let defaultRequirements = "REQUIREMENTS.md"
  /// The names tried, in order, when no template is named: SAM CLI's `template.yaml` and
  /// `template.yml`, and CloudFormation's JSON form.
  public static let defaultTemplates = [defaultTemplate, "infra/template.yml", "infra/template.json"]
  /// The names tried, in order, when no samconfig is named: SAM CLI reads
  /// `samconfig.toml`, `samconfig.yaml` or `samconfig.yml` ("AWS SAM CLI configuration
  /// file", https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html).
  public static let defaultSamconfigs = [defaultSamconfig, "infra/samconfig.yaml", "infra/samconfig.yml"]

  /// Every file a run on the current directory reads by default (the artifacts at their
  /// default locations and `.vibe-rules.yaml`): what a command that loads no project
  /// (`probe`) must not write over.
  public static let defaultInputFiles =
    defaultTemplates + defaultSamconfigs + [defaultDockerfile, defaultDockerignore, defaultDeployScript, defaultRequirements, VibeRulesConfiguration.defaultFile]

  /// Every file a run with these options could read, joined to the root: the artifacts
  /// at their default locations, every file an option names, and the per-Dockerfile
  /// ignore file. What a command that failed before it knew its inputs (`FailedRunLog`)
  /// must not write over.
  public var possibleInputFiles: [String] {
    let named = [template, samconfig, dockerfile, dockerignore, deployScript, requirements, imageInspect, imageArchive, configFile].compactMap { $0 } + evidence
    let dockerfilePath = ArtifactFile.join(root, dockerfile ?? Self.defaultDockerfile)
    return (Self.defaultInputFiles + named).map { ArtifactFile.join(root, $0) } + [dockerfilePath + ".dockerignore", ArtifactFile.join(ArtifactFile.join(root, context ?? Self.defaultContext), ".dockerignore")]
  }

  /// The first of `candidates` present under `root` (a file or anything else there, which
  /// `ArtifactFile.resolve` then rejects), else the first: the default path of an
  /// artifact that has several usual names.
  public static func firstPresent(_ candidates: [String], root: String) -> String {
    candidates.first { FileBytes.exists(ArtifactFile.join(root, $0)) } ?? candidates[0]
  }

  /// "infra/template.yaml, infra/template.yml or infra/template.json".
  public static func described(_ candidates: [String]) -> String {
    candidates.dropLast().joined(separator: ", ") + (candidates.count > 1 ? " or " : "") + candidates.last!
  }

  public init(root: String = ".", template: String? = nil, samconfig: String? = nil, dockerfile: String? = nil,
              dockerignore: String? = nil, context: String? = nil, deployScript: String? = nil,
              requirements: String? = nil, environments: [String] = [], imageInspect: String? = nil) {
    self.root = root
    self.template = template
    self.samconfig = samconfig
    self.dockerfile = dockerfile
    self.dockerignore = dockerignore
    self.context = context
    self.deployScript = deployScript
    self.requirements = requirements
    self.environments = environments
    self.imageInspect = imageInspect
  }
}

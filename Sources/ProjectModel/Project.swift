import Diagnostics
import DockerfileModel
import Requirements
import ShellScriptModel
import TemplateModel

/// Every artifact of one repository, loaded and cross-linked, plus the template
/// evaluated once per config env.
///
/// An artifact that is absent at its default path is nil, with the reason in
/// `absences`; rules that need it are then not applicable. A path the user named
/// that does not exist, or a file that does not parse, is an `InputError`.
public struct Project: Sendable {
  public var root: String
  public var requirements: RequirementCatalogue
  public var template: Template?
  public var templateFile: ArtifactFile?
  public var samconfig: SamConfig?
  public var samconfigFile: ArtifactFile?
  public var dockerfile: Dockerfile?
  public var dockerfileFile: ArtifactFile?
  /// The ignore file that applies to the build (`<Dockerfile>.dockerignore` next to the
  /// Dockerfile wins over `<context>/.dockerignore`).
  public var dockerignore: DockerIgnore?
  public var dockerignoreFile: ArtifactFile?
  /// The Docker build context directory (path on disk) and its display name.
  public var buildContext: ArtifactFile?
  /// The deploy script (read, never run) and its evaluation per config env.
  public var deployScript: ShellScript?
  /// The deploy script's text as read (line endings kept), for what bash itself rejects.
  public var deployScriptSource: SourceText?
  public var deployScriptFile: ArtifactFile?
  public var deployRuns: [String: DeployScriptRun] = [:]
  /// Evidence from a build: the image's `docker image inspect` output, or its size read
  /// from a saved image archive (`--image-archive`).
  public var imageInspection: ImageInspection?
  /// Evidence from a run: health probes written by `vibe-rules probe` (`--evidence`).
  public var healthProbes: [HealthProbeResult] = []
  /// Waivers written in the template, the Dockerfile and `.vibe-rules.yaml`.
  public var waivers: [Waiver] = []
  /// The repository's `.vibe-rules.yaml` (or `--config` file), if any.
  public var configuration: VibeRulesConfiguration?
  /// One evaluated template per config env, in samconfig order.
  public var environments: [EvaluatedTemplate]
  /// Why an optional artifact is absent, by artifact name (`template`, `samconfig`, ...).
  public var absences: [String: String]
  /// The path of every file read to load the project (artifacts, REQUIREMENTS.md,
  /// `.vibe-rules.yaml`, evidence), as opened: what an output must never overwrite.
  public var inputFiles: [String] = []
  /// Build-context files the rules read while checking (see `ContextReads`).
  public let contextReads = ContextReads()

  public init(root: String, requirements: RequirementCatalogue) {
    self.root = root
    self.requirements = requirements
    self.environments = []
    self.absences = [:]
  }

  /// The evaluated template of config env `name`.
  public func environment(_ name: String) -> EvaluatedTemplate? {
    environments.first { $0.scenario.environment == name }
  }
}

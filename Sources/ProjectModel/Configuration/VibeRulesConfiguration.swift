import Diagnostics
import Requirements

/// The `.vibe-rules.yaml` of a checked repository (looked up in `--root`, or named by
/// `--config`). Every key is optional; command-line flags win over it.
///
/// ```yaml
/// # artifact paths, relative to the root (as the flags of the same name)
/// template: infra/template.yaml
/// samconfig: infra/samconfig.toml
/// dockerfile: docker/Dockerfile
/// dockerignore: .dockerignore
/// context: .
/// deploy-script: deploy.sh
/// requirements: REQUIREMENTS.md
/// target: runtime                    # the Dockerfile stage deployed (--target)
/// environments: [dev, prod]          # config envs to evaluate (--env)
/// image-inspect: evidence/inspect.json   # evidence files (--image-inspect, --image-archive, --evidence)
/// image-archive: evidence/image.tar
/// evidence: [evidence/probe.json]
/// baseline: .vibe-rules-baseline.json    # for `vibe-rules baseline` and `check --baseline`
/// rules:                              # per rule id: off | warning | error
///   image-size: off
///   task-egress-https: warning
/// waive:                              # whole requirements (or rules), in every file
///   - requirement: "12.1"
///     reason: cost is reviewed monthly by finance
///     expires: 2027-01-31
///     environments: [dev]             # optional: only in these config envs
/// not-waivable: ["8.1", "8.2"]        # waivers of these are input errors
/// values:                             # single values over REQUIREMENTS.md's (same keys and units)
///   "8.2": {container-port: 8000}
///   "9.2": {retention: 14 days}
/// ```
///
/// An unknown key, a value of the wrong shape, a waiver without a reason, or an unknown
/// rule setting is an `InputError` at its line and column.
public struct VibeRulesConfiguration: Sendable {
  /// The default file name, looked up in the root.
  public static let defaultFile = ".vibe-rules.yaml"

  /// The configuration file as diagnostics name it.
  public var file: String
  /// Artifact paths by key (`template`, `samconfig`, `dockerfile`, `dockerignore`,
  /// `context`, `deploy-script`, `requirements`, `image-inspect`, `image-archive`).
  public var paths: [String: Located<String>] = [:]
  /// Config envs to evaluate.
  public var environments: [Located<String>] = []
  /// Evidence files (`evidence:`).
  public var evidence: [Located<String>] = []
  /// The Dockerfile stage the deployed image is built from (`target:`, as `--target`).
  public var target: Located<String>?
  /// The baseline file for `vibe-rules baseline` and `check --baseline`.
  public var baseline: Located<String>?
  /// Settings by rule id, located at the rule id's key.
  public var rules: [String: Located<RuleSetting>] = [:]
  /// Waivers written in the configuration: each covers its rule or requirement in every file.
  public var waivers: [Waiver] = []
  /// Requirements no waiver may cover.
  public var notWaivable: [Located<RequirementID>] = []
  /// Single requirement values that replace those of REQUIREMENTS.md (`values:`).
  public var values: [RequirementID: [RequirementValue]] = [:]

  public init(file: String) { self.file = file }

  /// The keys a configuration may have, in documentation order.
  public static let keys = [
    "template", "samconfig", "dockerfile", "dockerignore", "context", "deploy-script", "requirements",
    "target", "environments", "image-inspect", "image-archive", "evidence", "baseline", "rules", "waive", "not-waivable", "values",
  ]

  /// The keys that name one artifact path.
  static let pathKeys: Set<String> = [
    "template", "samconfig", "dockerfile", "dockerignore", "context", "deploy-script", "requirements",
    "image-inspect", "image-archive",
  ]

  /// The setting of rule `id`, if the configuration names it.
  public func setting(ofRule id: String) -> RuleSetting? { rules[id]?.value }
}

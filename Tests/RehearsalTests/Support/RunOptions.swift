/// How one run of deploy.sh is set up: what the stand-ins answer and which faults they
/// inject (the fault names are documented in StandIns/bin/*).
struct RunOptions: Sendable {
  enum Script: Sendable {
    /// The script under test (possibly mutated).
    case variant
    /// This repository's deploy.sh, unchanged (it seeds worlds: the previous release).
    case original
  }

  /// The full commit SHA the git stand-in reports; deploy.sh tags with its first 7 digits.
  var commit: String
  var faults: [String] = []
  /// Stand-ins left off PATH (`aws`, `docker`, `sam`, `git`).
  var missingTools: Set<String> = []
  /// What `sam --version` reports (default 1.120.0).
  var samVersion: String?
  /// Seconds after a deployment starts until the ECS service is stable (default 30).
  var serviceStableAfter: Int?
  /// Lines typed at the `Deploy this changeset? [y/N]` prompts (prod confirms change sets).
  var answers: [String] = ["y", "y", "y"]
  /// Extra environment (DOMAIN_NAME, ALARM_EMAIL, ALLOW_DIRTY).
  var environment: [String: String] = [:]
  var script: Script = .variant

  /// The image tag deploy.sh should use: `git rev-parse --short HEAD`.
  var imageTag: String { String(commit.prefix(7)) }
}

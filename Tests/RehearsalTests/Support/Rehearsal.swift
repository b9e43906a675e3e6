import Foundation
import Requirements

/// Every run the rehearsal makes of one deploy.sh (as found in a sandbox's variant copy)
/// for one config env, from which `verdicts()` decides 2.3 and 11.1-11.7:
///
/// - `firstDeploy`: an empty account (first deploy of the env: bootstrap stack, push,
///   deploy), with SAM CLI at exactly the 11.1 floor;
/// - `update`, then `rerun` (same commit): an account where this repository's unchanged
///   deploy.sh deployed an earlier commit (the previous release);
/// - `slowService`: that account, with a service that needs half a minute less than the
///   11.6 limit to stabilise; `neverStable`: one that never does;
/// - prerequisite probes, each in an empty account: each tool missing from PATH, SAM CLI
///   just below the floor, the Docker daemon down, not a git repository.
struct Rehearsal: Sendable {
  static let requirementIDs = ["2.3", "11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"]

  /// Commits of the previous release, of the update, and of the wait scenarios.
  static let previousCommit = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"
  static let updateCommit = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"
  static let waitCommit = "7c4a8d09ca3762af61e59520943dc26494f8941b"

  var environment: String
  var settings: DeploySettings
  /// 11.1's SAM CLI floor ("1.100") and 11.6's limit in seconds (900), from REQUIREMENTS.md.
  var samFloor: [Int]
  var stableLimit: Int
  var firstDeploy: RehearsalRun
  var update: RehearsalRun
  var rerun: RehearsalRun
  var slowService: RehearsalRun
  var neverStable: RehearsalRun
  var missingTool: [String: RehearsalRun]
  var oldSam: RehearsalRun
  var daemonDown: RehearsalRun
  var notGitRepository: RehearsalRun

  /// SAM CLI versions just below the floor and at it ("1.99.9", "1.100.0").
  var samBelowFloor: String { Self.versionBelow(samFloor) }
  var samAtFloor: String { (samFloor + [0, 0, 0]).prefix(3).map(String.init).joined(separator: ".") }
  /// The ECS service of the slow scenario is stable this long after its deployment starts.
  var slowStableAfter: Int { stableLimit - 30 }

  /// Makes every run in `sandbox`; throws when the harness itself cannot work (the
  /// unchanged script fails to seed an account, a stand-in is missing, a run hangs).
  static func perform(_ environment: String, in sandbox: RehearsalSandbox) throws -> Rehearsal {
    let settings = try DeploySettings.load(root: sandbox.original)
    guard let envSettings = settings[environment] else { throw RehearsalError.seedFailed("samconfig has no env \(environment)") }
    let requirements = RequirementCatalogue.builtIn
    let floor = requirements["11.1"]?.values["sam-min-version"]?.version ?? []
    let limit = Int(requirements["11.6"]?.values["stable-timeout"]?.number ?? 0)

    let first = try sandbox.run(
      environment, in: try sandbox.emptyWorld("\(environment)-first"),
      RunOptions(commit: previousCommit, samVersion: (floor + [0, 0, 0]).prefix(3).map(String.init).joined(separator: ".")))

    let deployed = try sandbox.emptyWorld("\(environment)-deployed")
    let seed = try sandbox.run(environment, in: deployed, RunOptions(commit: previousCommit, script: .original))
    guard seed.succeeded else { throw RehearsalError.seedFailed(seed.transcript) }

    let updateWorld = try sandbox.copy(deployed, as: "\(environment)-update")
    let update = try sandbox.run(environment, in: updateWorld, RunOptions(commit: updateCommit))
    let rerun = try sandbox.run(environment, in: updateWorld, RunOptions(commit: updateCommit))
    let slow = try sandbox.run(
      environment, in: try sandbox.copy(deployed, as: "\(environment)-slow"), RunOptions(commit: waitCommit, serviceStableAfter: limit - 30))
    let never = try sandbox.run(
      environment, in: try sandbox.copy(deployed, as: "\(environment)-never"), RunOptions(commit: waitCommit, faults: ["service-never-stable"]))

    var missing: [String: RehearsalRun] = [:]
    for tool in RehearsalSandbox.tools {
      missing[tool] = try sandbox.run(environment, in: try sandbox.emptyWorld("\(environment)-no-\(tool)"), RunOptions(commit: updateCommit, missingTools: [tool]))
    }
    let oldSam = try sandbox.run(
      environment, in: try sandbox.emptyWorld("\(environment)-old-sam"), RunOptions(commit: updateCommit, samVersion: versionBelow(floor)))
    let daemon = try sandbox.run(
      environment, in: try sandbox.emptyWorld("\(environment)-daemon"), RunOptions(commit: updateCommit, faults: ["docker-daemon-down"]))
    let notGit = try sandbox.run(
      environment, in: try sandbox.emptyWorld("\(environment)-not-git"), RunOptions(commit: updateCommit, faults: ["not-a-git-repository"]))

    return Rehearsal(
      environment: environment, settings: envSettings, samFloor: floor, stableLimit: limit, firstDeploy: first, update: update,
      rerun: rerun, slowService: slow, neverStable: never, missingTool: missing, oldSam: oldSam, daemonDown: daemon,
      notGitRepository: notGit)
  }

  /// The highest patch of the previous minor: [1, 100] → "1.99.9".
  static func versionBelow(_ floor: [Int]) -> String {
    let major = floor.first ?? 1
    let minor = floor.count > 1 ? floor[1] : 0
    return minor > 0 ? "\(major).\(minor - 1).9" : "\(major - 1).999.9"
  }
}

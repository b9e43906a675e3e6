import Foundation
import Testing

/// 11.6 on the clock. deploy.sh measures its 15-minute deadline with bash's `SECONDS` and
/// waits with `sleep 15`. The rehearsal does not shorten or edit the script: it hands bash
/// StandIns/prelude.bash through BASH_ENV, where `sleep N` advances `SECONDS` (and the
/// world's clock) by N instead of waiting. The real constant (STABLE_TIMEOUT_SECONDS=900)
/// and the real comparison run; a 15-minute wait takes milliseconds. (A copy with a
/// shortened constant would test a different script; the static rule reads the real one.)
@Suite struct ServiceWaitTests {
  /// The env deployed once by the unchanged script, then `options` on top.
  func run(_ environment: String, _ options: RunOptions) throws -> RehearsalRun {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    let world = try sandbox.emptyWorld("world")
    let seed = try sandbox.run(environment, in: world, RunOptions(commit: Rehearsal.previousCommit, script: .original))
    try #require(seed.succeeded, "\(seed.transcript)")
    return try sandbox.run(environment, in: world, options)
  }

  @Test("a service that needs 14.5 minutes is waited for", arguments: ["dev", "prod"])
  func slowService(_ environment: String) throws {
    let run = try run(environment, RunOptions(commit: Rehearsal.waitCommit, serviceStableAfter: 870))
    #expect(run.succeeded, "\(run.transcript)")
    let deploy = try #require(run.mainSamDeployIndex.map { run.calls[$0] })
    let checks = run.calls.filter(\.isStabilityCheck)
    let lastCheck = try #require(checks.last)
    #expect(lastCheck.clock - deploy.clock >= 870, "success is reported only once the service is stable")
    #expect(lastCheck.clock - deploy.clock > 600, "beyond the 10 minutes of `aws ecs wait services-stable`")
  }

  @Test("a service that never stabilises fails the deploy at 15 minutes", arguments: ["dev", "prod"])
  func neverStable(_ environment: String) throws {
    let run = try run(environment, RunOptions(commit: Rehearsal.waitCommit, faults: ["service-never-stable"]))
    #expect(run.status == 1, "\(run.transcript)")
    #expect(run.standardError.contains("did not become stable within 15 minutes"))
    let deploy = try #require(run.mainSamDeployIndex.map { run.calls[$0] })
    let checks = run.calls.filter(\.isStabilityCheck)
    let waited = (checks.last?.clock ?? 0) - deploy.clock
    #expect((885...915).contains(waited), "gives up \(waited) s after sam deploy")
    #expect(checks.count == 61, "one check at the start and every 15 s up to 900 s: \(checks.count)")
    #expect(run.calls.last.map(\.isStabilityCheck) == true, "nothing runs after the timeout")
  }
}

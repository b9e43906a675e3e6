import Foundation
import Testing

/// deploy.sh's failure paths, run for real among the stand-ins: every one exits non-zero
/// with a `deploy.sh: error:` message that says what went wrong, the failing call is the
/// last call of the run (nothing after the failing step runs), no URL is printed, and the
/// script's temporary file is removed.
@Suite struct FailurePathTests {
  @Test("deploy.sh stops at the failing step", arguments: FailureScenario.all)
  func failure(_ scenario: FailureScenario) throws {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    for environment in scenario.environments {
      let world = try sandbox.emptyWorld("\(environment)-world")
      if scenario.world == .deployed {
        let seed = try sandbox.run(environment, in: world, RunOptions(commit: Rehearsal.previousCommit, script: .original))
        try #require(seed.succeeded, "seeding the deployed world: \(seed.transcript)")
      }
      let run = try sandbox.run(environment, in: world, scenario.options)
      #expect(run.status != 0, "\(environment): exits 0\n\(run.transcript)")
      #expect(run.standardError.contains("deploy.sh: error:") && run.standardError.contains(scenario.message),
              "\(environment): stderr lacks \"\(scenario.message)\"\n\(run.transcript)")
      #expect(!run.standardOutput.contains("Dashboard URL"), "\(environment): a URL is printed\n\(run.transcript)")
      #expect(run.leftoverTemporaryFiles.isEmpty, "\(environment): temporary files left: \(run.leftoverTemporaryFiles)")
      if let failingCall = scenario.failingCall {
        let last = try #require(run.calls.last, "\(environment): no call recorded\n\(run.transcript)")
        #expect(failingCall(last), "\(environment): the run goes on after the failing step; last call: \(last)\n\(run.transcript)")
        #expect(run.calls.filter(failingCall).count >= 1)
      } else {
        #expect(run.calls.isEmpty, "\(environment): with a tool missing, nothing may run\n\(run.transcript)")
      }
    }
  }
}

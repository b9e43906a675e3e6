import Foundation
import Testing

/// The harness itself: runs reach only the stand-ins, never this machine's aws, sam,
/// docker or git (so no network and no Docker daemon), and a run's PATH has nothing else.
@Suite struct SandboxTests {
  @Test func runsSeeOnlyTheStandIns() throws {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    let systemBin = sandbox.root.appendingPathComponent("system-bin")
    let offered = try FileManager.default.contentsOfDirectory(atPath: systemBin.path)
    #expect(Set(offered) == Set(RehearsalSandbox.systemPrograms))
    #expect(Set(offered).isDisjoint(with: RehearsalSandbox.tools))
    let run = try sandbox.run("dev", in: try sandbox.emptyWorld("world"), RunOptions(commit: Rehearsal.updateCommit))
    #expect(run.succeeded, "\(run.transcript)")
    #expect(Set(run.calls.map(\.tool)).isSubset(of: Set(RehearsalSandbox.tools + ["sleep"])))
    #expect(!run.standardError.contains("rehearsal stand-in: unsupported call"), "\(run.standardError)")
  }

  @Test func aToolLeftOffPathIsNotFoundElsewhere() throws {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    for tool in RehearsalSandbox.tools {
      let run = try sandbox.run("dev", in: try sandbox.emptyWorld("no-\(tool)"), RunOptions(commit: Rehearsal.updateCommit, missingTools: [tool]))
      #expect(run.standardError.contains("missing required tools: \(tool)"), "\(tool): \(run.transcript)")
    }
  }
}

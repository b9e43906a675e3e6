import Foundation
import Testing

/// An env the script refuses before deploying (`case "$ENV" in prod) ... exit 1;; esac`
/// after the prerequisite checks). Run for real, dev deploys and prod stops at that exit
/// with nothing pushed or deployed; statically, every row of prod about a later step says
/// the script stops at that line instead of "the step is missing", and dev is unaffected.
@Suite struct EarlyExitTests {
  @Test func prodStopsAtItsExitBothWays() throws {
    let mutation = try #require(ScriptMutation.stops.first)
    let sandbox = try RehearsalSandbox(mutation: mutation)
    defer { sandbox.remove() }
    let script = try String(contentsOf: sandbox.variant.appendingPathComponent("deploy.sh"), encoding: .utf8)
    let exitLine = try #require(script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    exit 1" }) + 1

    let world = try sandbox.emptyWorld("prod")
    let prod = try sandbox.run("prod", in: world, RunOptions(commit: Rehearsal.updateCommit))
    #expect(prod.status == 1, "\(prod.transcript)")
    #expect(prod.standardOutput.contains("prod is not supported yet"))
    #expect(!prod.calls.contains { $0.is("docker", "build") || $0.is("sam", "deploy") }, "\(prod.transcript)")
    let dev = try sandbox.run("dev", in: try sandbox.emptyWorld("dev"), RunOptions(commit: Rehearsal.updateCommit))
    #expect(dev.succeeded, "\(dev.transcript)")

    let statics = try StaticVerdicts.evaluate(root: sandbox.variant)
    #expect(try #require(statics.entry("11.1", "prod")).status == .pass, "the checks before the exit still run")
    for id in ["2.3", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"] {
      let prodEntry = try #require(statics.entry(id, "prod"))
      #expect(prodEntry.isFail, "\(id) [prod]: \(prodEntry.status.rawValue)")
      #expect(prodEntry.findings.contains { $0.contains("stops at deploy.sh:\(exitLine)") }, "\(id) [prod] names the exit at line \(exitLine): \(prodEntry.findings)")
      #expect(!prodEntry.findings.contains { $0.contains("never") || $0.contains("runs no") || $0.contains("no docker push") }, "\(id) [prod] does not call the step missing: \(prodEntry.findings)")
      #expect(try #require(statics.entry(id, "dev")).status == .pass, "\(id) [dev]")
    }
  }

  /// `((n++))` with n=0 has status 1: under the script's `set -euo pipefail`, bash exits
  /// there. Run for real, neither env builds; statically, every row about a later step
  /// names that line. From n=1 the script deploys both ways.
  @Test func aCounterFromZeroEndsTheScriptUnderSetEBothWays() throws {
    let marker = "# --- 2. Build (before touching AWS resources)"
    for (start, stops) in [(0, true), (1, false)] {
      let mutation = ScriptMutation(name: "counter from \(start)", edits: [(marker, "steps=\(start)\n((steps++))\n\n" + marker)], breaks: [])
      let sandbox = try RehearsalSandbox(mutation: mutation)
      defer { sandbox.remove() }
      let script = try String(contentsOf: sandbox.variant.appendingPathComponent("deploy.sh"), encoding: .utf8)
      let counterLine = try #require(script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "((steps++))" }) + 1
      let run = try sandbox.run("dev", in: try sandbox.emptyWorld("dev"), RunOptions(commit: Rehearsal.updateCommit))
      let statics = try StaticVerdicts.evaluate(root: sandbox.variant)
      if stops {
        #expect(run.status == 1, "\(run.transcript)")
        #expect(!run.calls.contains { $0.is("docker", "build") || $0.is("sam", "deploy") }, "\(run.transcript)")
        for id in ["2.3", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"] {
          let entry = try #require(statics.entry(id, "dev"))
          #expect(entry.isFail, "\(id): \(entry.status.rawValue)")
          #expect(entry.findings.contains { $0.contains("stops at deploy.sh:\(counterLine) (`((steps++))` fails under set -e)") }, "\(id): \(entry.findings)")
        }
      } else {
        #expect(run.succeeded, "\(run.transcript)")
        for id in ["2.3", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"] {
          #expect(try #require(statics.entry(id, "dev")).status == .pass, "\(id)")
        }
      }
    }
  }
  /// A function returns its last command's status: `announce() { [ "$ENV" = prod ] &&
  /// echo ...; }` returns 1 in dev, and under `set -e` the call ends the script there
  /// (the `&&` list inside does not, the call does). Run for real, dev builds nothing and
  /// prod deploys; statically, every dev row about a later step names the call.
  @Test func aFunctionEndingInAFailingTestEndsTheScriptBothWays() throws {
    let marker = "# --- 2. Build (before touching AWS resources)"
    let function = "announce() {\n  [ \"$ENV\" = \"prod\" ] && echo \"deploying to production\"\n}\nannounce\n\n"
    let mutation = ScriptMutation(name: "function ending in a failing test", edits: [(marker, function + marker)], breaks: [])
    let sandbox = try RehearsalSandbox(mutation: mutation)
    defer { sandbox.remove() }
    let script = try String(contentsOf: sandbox.variant.appendingPathComponent("deploy.sh"), encoding: .utf8)
    let callLine = try #require(script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "announce" }) + 1
    let dev = try sandbox.run("dev", in: try sandbox.emptyWorld("dev"), RunOptions(commit: Rehearsal.updateCommit))
    #expect(dev.status == 1, "\(dev.transcript)")
    #expect(!dev.calls.contains { $0.is("docker", "build") || $0.is("sam", "deploy") }, "\(dev.transcript)")
    let prod = try sandbox.run("prod", in: try sandbox.emptyWorld("prod"), RunOptions(commit: Rehearsal.updateCommit))
    #expect(prod.succeeded, "\(prod.transcript)")
    let statics = try StaticVerdicts.evaluate(root: sandbox.variant)
    for id in ["2.3", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"] {
      let entry = try #require(statics.entry(id, "dev"))
      #expect(entry.isFail, "\(id) [dev]: \(entry.status.rawValue)")
      #expect(entry.findings.contains { $0.contains("stops at deploy.sh:\(callLine)") }, "\(id) [dev]: \(entry.findings)")
      #expect(try #require(statics.entry(id, "prod")).status == .pass, "\(id) [prod]")
    }
  }
}

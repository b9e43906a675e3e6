import Diagnostics
import Testing

@testable import ShellScriptModel

/// `Evaluation.outcome(ofFailure:)`, `outcome(ofExit:)` and `outcome(ofReturn:)`: whether a
/// failure at a point stops the script, as bash decides it (Bash Reference Manual, 4.3.1
/// `set -e`; 4.1 `exit`; 3.7.3 subshells). Each script marks the failing command `target`
/// (a command that fails), or uses the `exit`/`return` inside `f`.
@Suite struct FailureOutcomeTests {
  func evaluation(_ text: String) throws -> Evaluation {
    try parse(text).evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
  }

  /// A failing `target` command.
  @Test(arguments: [
    ("set -e\ntarget\necho after", true),
    ("target\necho after", false),
    ("set -e\ntarget || true", false),
    ("set -e\ntarget || :", false),
    ("set -e\ntarget || exit 1", true),
    ("set -e\ntarget || { echo failed >&2; exit 1; }", true),
    ("set -e\ndie() { echo \"$*\" >&2; exit 1; }\ntarget || die failed", true),
    ("set -e\ntarget || exit 0", false),
    ("set -e\nif ! target; then exit 1; fi", true),
    ("set -e\nif target; then :; else exit 2; fi", true),
    ("set -e\nif target; then echo ok; fi", false),
    ("set -e\ntarget &\necho after", false),
    ("set -e\ntarget &\nwait $!", true),
    ("set -e\ntarget &\nwait", false),
    ("set -e\ntarget | cat", false),
    ("set -eo pipefail\ntarget | cat", true),
    ("set -e\nset +e\ntarget\nset -e", false),
    ("set -e\nx=$(target)", true),
    ("set -e\nlocal_value() { local x=$(target); }\nlocal_value", false),
    ("set -e\necho \"$(target)\"", false),
    ("set -e\n! target", false),
    ("set -e\ntarget && echo ok", false),
    ("set -e\nf() { target; }\nf || true", false),
    ("set -e\nf() { target; }\nf", true),
    ("set -e\nwhile target; do sleep 1; done", false),
    // The next list at the same level is another list: its `|| exit` does not handle this one.
    ("set -e\ntarget || true\nfoo || exit 1", false),
    ("set -e\nfoo || exit 1\ntarget || true", false),
  ])
  func failure(_ script: String, stops: Bool) throws {
    let evaluation = try evaluation(script)
    let target = try #require(evaluation.commands.first { $0.isCommand("target") })
    let outcome = evaluation.outcome(ofFailure: target)
    #expect(outcome.stopsScript == stops, "\(script.debugDescription): \(outcome)")
  }

  /// `exit 1` inside `f`, called as the script says: exit ends the shell it runs in, so
  /// `|| true` and `set +e` do not keep the script going; a subshell or `&` does.
  @Test(arguments: [
    ("set -e\nf() { exit 1; }\nf", true),
    ("set -e\nf() { exit 1; }\nf || true", true),
    ("f() { exit 1; }\nset +e\nf\nset -e", true),
    ("set -e\nf() { exit 1; }\nif ! f; then :; fi", true),
    ("set -e\nf() { exit 1; }\n(f) || true", false),
    ("set -e\nf() { exit 1; }\n(f)", true),
    ("set -e\nf() { exit 1; }\nf &\necho after", false),
    ("set -e\nf() { exit 1; }\nf &\nwait \"$!\"", true),
    ("set -e\nf() { exit 1; }\nx=\"$(f)\"", true),
    ("set -e\nf() { exit 1; }\nf | tee log", false),
    ("set -e\nf() { exit 1; }\necho start | f", true),
  ])
  func exit(_ script: String, stops: Bool) throws {
    let evaluation = try evaluation(script)
    let exit = try #require(evaluation.commands.first { $0.isCommand("exit") })
    let outcome = evaluation.outcome(ofExit: exit)
    #expect(outcome.stopsScript == stops, "\(script.debugDescription): \(outcome)")
  }

  /// `return 1` inside `f`: the call fails, and what surrounds the call decides.
  @Test(arguments: [
    ("set -e\nf() { return 1; }\nf\necho after", true),
    ("set -e\nf() { return 1; }\nf || true", false),
    ("set -e\nf() { return 1; }\nf || :", false),
    ("set -e\nf() { return 1; }\nset +e\nf\nset -e", false),
    ("set -e\nf() { return 1; }\nif ! f; then echo failed >&2; exit 1; fi", true),
    ("set -e\nf() { return 1; }\nf || exit", true),
    ("set -e\nf() { return 1; }\nf &", false),
    ("set -e\nf() { return 1; }\ng() { f || return 1; }\ng", true),
    ("set -e\nf() { return 1; }\ng() { f || return 1; }\ng || true", false),
  ])
  func `return`(_ script: String, stops: Bool) throws {
    let evaluation = try evaluation(script)
    let command = try #require(evaluation.commands.first { $0.isCommand("return") })
    let outcome = evaluation.outcome(ofReturn: command)
    #expect(outcome.stopsScript == stops, "\(script.debugDescription): \(outcome)")
  }

  @Test func theReasonNamesWhatKeepsTheScriptGoing() throws {
    let evaluation = try evaluation("set -e\nf() { return 1; }\nf || true\n")
    let command = try #require(evaluation.commands.first { $0.isCommand("return") })
    guard case .goesOn(let reason, let at) = evaluation.outcome(ofReturn: command) else {
      Issue.record("expected goesOn")
      return
    }
    #expect(reason.contains("|| true"))
    #expect(at.line == 3)
  }
}

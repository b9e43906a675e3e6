import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct ErrexitTests {
  private func location(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
    SourceLocation(file: "deploy.sh", line: line, column: column)
  }

  /// The errexit state of the only `target` command in each script.
  @Test(arguments: [
    ("set -e\ntarget", true, true),
    ("set -euo pipefail\ntarget", true, true),
    ("set -o errexit\ntarget", true, true),
    ("set -eu\nset +e\ntarget", false, false),
    ("set -e\nset +o errexit\ntarget", false, false),
    ("target", false, false),
    ("set -e\nif target; then :; fi", true, false),
    ("set -e\nif ! target; then :; fi", true, false),
    ("set -e\nwhile target; do :; done", true, false),
    ("set -e\nuntil target; do :; done", true, false),
    ("set -e\ntarget && echo", true, false),
    ("set -e\necho && target", true, true),
    ("set -e\ntarget || true", true, false),
    ("set -e\n! target", true, false),
    ("set -e\ntarget | cat", true, false),
    ("set -eo pipefail\ntarget | cat", true, true),
    ("set -e\ncat | target", true, true),
    ("set -e\ntarget &", true, false),
    ("set -e\nif true; then target; fi", true, true),
    ("set -e\nf() { target; }\nif f; then :; fi", true, false),
    ("set -e\nf() { target; }\nf", true, true),
    ("set -e\nX=$(target)", true, false),
    ("set -e\nshopt -s inherit_errexit\nX=$(target)", true, true),
    ("f() { set -e; }\nf\ntarget", true, true),
    ("(set -e)\ntarget", false, false),
    ("#!/bin/bash -e\ntarget", true, true),
    ("#!/usr/bin/env -S bash -eu\ntarget", true, true),
    ("#!/bin/bash -e\nset +e\ntarget", false, false),
  ])
  func errexitAtCommand(source: String, enabled: Bool, effective: Bool) throws {
    let script = try parse(source)
    let target = try #require(script.commands(named: "target").first)
    #expect(target.errexit.isEnabled == enabled)
    #expect(target.errexit.isEffective == effective)
    #expect(script.errexit(at: target.location) == target.errexit)
  }

  @Test func whereErrexitWasSet() throws {
    let script = try parse("#!/usr/bin/env bash\nset -euo pipefail\nX=$(a)\nrc=$?")
    let record = try #require(script.execution.statement(at: location(3, 1)))
    #expect(record.errexit.setAt == location(2, 1))
    #expect(record.options.pipefail.isEnabled && record.options.nounset.isEnabled)
    let shebang = try parse("#!/bin/bash -e\nX=1")
    #expect(shebang.errexit(at: location(2, 1))?.setAt == location(1, 1))
  }

  @Test func ignoringContextIsNamed() throws {
    let script = try parse("set -e\nif ! X=$(cmd); then exit 2; fi")
    let cmd = try #require(script.commands(named: "cmd").first)
    #expect(cmd.errexit.ignoredBy == .ifCondition(location(2, 1)))
    #expect(cmd.context.isInCondition)
    #expect(cmd.context.isNegated)
  }

  /// The `set -e` dead-check pattern: a bare assignment with a command substitution,
  /// directly followed by a read of `$?`, under effective errexit.
  private func deadChecks(_ source: String) throws -> [Diagnostics.SourceLocation] {
    let script = try parse(source)
    return script.execution.statements.compactMap { record in
      guard record.statement.isAssignmentOnly, record.statement.assignments.contains(where: \.hasCommandSubstitution),
        record.errexit.isEffective, let next = record.next, next.readsExitStatusImmediately
      else { return nil }
      return next.location
    }
  }

  @Test(arguments: [
    ("set -e\nX=$(a)\nrc=$?", [3]),
    ("set -e\nX=\"$(a)\"\n# why\n\nif [ $? -ne 0 ]; then exit 1; fi", [5]),
    ("set -e\nX=$(a)\n[[ $? != 0 ]] && exit", [3]),
    ("set -e\nX=$(a)\nif (( $? )); then exit; fi", [3]),
    ("#!/bin/bash -e\nX=$(a); rc=$?", [2]),
    ("X=$(a)\nrc=$?", []),
    ("set -e\nset +e\nX=$(a)\nrc=$?", []),
    ("set -e\nif ! X=$(a); then exit 2; fi", []),
    ("set -e\nX=$(a) || exit 1\nrc=$?", []),
    ("set -e\nX=$(a)\necho \"$X\"\nrc=$?", []),
    ("set -e\nf() {\n  local v\n  v=$(a)\n  rc=$?\n}\nf", [5]),
  ])
  func deadStatusChecks(source: String, lines: [Int]) throws {
    #expect(try deadChecks(source).map { $0.line } == lines)
  }

  @Test func declarationMasksStatus() throws {
    let script = try parse("set -e\nf() {\n  local out=$(aws sts get-caller-identity)\n  export X=\"$(b)\" Y=1\n  readonly Z=2\n}\nf")
    let masked = script.execution.commands.filter { $0.declarationAssignments.contains(where: \.hasCommandSubstitution) }
    #expect(masked.map(\.location.line) == [3, 4])
    #expect(masked.map(\.functionName) == ["f", "f"])
  }
}

import Testing

@testable import ShellScriptModel

/// Assignments to readonly variables, as bash 5.2 runs a script (not in POSIX mode): under
/// `set -e` bash exits at the assignment whatever is around it (`||`, `if`, `!`); without
/// it an assignment word abandons a subshell; `declare`, `local` and `unset` only fail.
@Suite struct ReadonlyAssignmentTests {
  /// (name, script, the `echo` arguments walked, the line the walk stops at).
  static let cases: [(String, String, [String], Int?)] = [
    ("r=2", "set -e\nreadonly r=1\nr=2\necho after", [], 3),
    ("r=2 || echo", "set -e\nreadonly r=1\nr=2 || echo handled\necho after", [], 3),
    ("if r=2", "set -e\nreadonly r=1\nif r=2; then echo then; else echo else; fi\necho after", [], 3),
    ("! r=2", "set -e\nreadonly r=1\n! r=2\necho after", [], 3),
    ("r+=2", "set -e\nreadonly r=1\nr+=2\necho after", [], 3),
    ("a function assigning it, as a condition", "set -e\nreadonly r=1\nf() { r=2; }\nif f; then echo then; fi\necho after", [], 3),
    ("((r=2)) || true", "set -e\nreadonly r=1\n((r=2)) || true\necho after", [], 3),
    ("let r=2 || true", "set -e\nreadonly r=1\nlet r=2 || true\necho after", [], 3),
    (": $((r=2)) || true", "set -e\nreadonly r=1\n: $((r=2)) || true\necho after", [], 3),
    ("read r || true", "set -e\nreadonly r=1\nread -r r <<<x || true\necho after", [], 3),
    ("printf -v r || true", "set -e\nreadonly r=1\nprintf -v r x || true\necho after", [], 3),
    ("for r in a || true", "set -e\nreadonly r=1\nfor r in a; do echo in; done || true\necho after", [], 3),
    ("export r=2 || true", "set -e\nreadonly r=1\nexport r=2 || true\necho after", [], 3),
    ("r=2 cmd", "set -e\nreadonly r=1\nr=2 echo hi\necho after", [], 3),
    ("declare r=2", "set -e\nreadonly r=1\ndeclare r=2\necho after", [], 3),
    ("unset r", "set -e\nreadonly r=1\nunset r\necho after", [], 3),
    ("local r=2 in a function", "set -e\nreadonly r=1\nf() { local r=2; echo inside; }\nf\necho after", [], 3),
    ("UID=5", "set -e\nUID=5\necho after", [], 2),
    ("readonly in a function is global", "set -e\nf() { readonly g=1; }\nf\ng=2\necho after", [], 4),
    ("declare -gr in a function", "set -e\nf() { declare -gr g=1; }\nf\ng=2\necho after", [], 4),
    ("local -r, assigned in the function", "set -e\nf() {\n  local -r q=1\n  q=2\n}\nf\necho after", [], 4),
    ("${r:=2} of a readonly unset r", "set -e\nunset r\nreadonly r\n: ${r:=2} || true\necho after", [], 4),
    ("x=$(r=2; echo in)", "set -e\nreadonly r=1\nx=$(r=2; echo in)\necho after", [], 3),
    ("( r=2; echo in ) without set -e", "readonly r=1\n( r=2; echo in )\necho after", ["after"], nil),
    // Where bash goes on.
    ("declare r=2 || true", "set -e\nreadonly r=1\ndeclare r=2 || true\necho after", ["after"], nil),
    ("unset r || true", "set -e\nreadonly r=1\nunset r || true\necho after", ["after"], nil),
    ("export r, readonly r", "set -e\nreadonly r=1\nexport r\nreadonly r\necho after", ["after"], nil),
    ("( r=2 ) || true", "set -e\nreadonly r=1\n( r=2 ) || true\necho after", ["after"], nil),
    ("r=2 | cat", "set -e\nreadonly r=1\nr=2 | cat\necho after", ["after"], nil),
    ("r=2 &", "set -e\nreadonly r=1\nr=2 &\necho after", ["after"], nil),
    ("set +e; r=2", "set -e\nreadonly r=1\nset +e\nr=2\necho after", ["after"], nil),
    ("((r=2)) || echo without set -e", "readonly r=1\n((r=2)) || echo handled\necho after", ["handled", "after"], nil),
    ("r=2 cmd without set -e", "readonly r=1\n( r=2 echo hi; echo in )\necho after", ["hi", "in", "after"], nil),
    ("local -r ends with the call", "set -e\nf() { local -r q=1; }\nf\nq=3\necho after", ["after"], nil),
    ("typeset -r in a function is local", "set -e\nf() { typeset -r q=1; }\nf\nq=3\necho after", ["after"], nil),
    ("readonly on one path only", "set -e\nif check; then readonly r=1; fi\nr=2\necho after", ["after"], nil),
    ("for r in (an empty list)", "set -e\nreadonly r=1\nfor r in; do :; done\necho after", ["after"], nil),
    ("${r:=2} of a set r", "set -e\nreadonly r=1\n: ${r:=2}\necho after", ["after"], nil),
  ]

  @Test(arguments: cases)
  func stops(name: String, source: String, echoes: [String], exitLine: Int?) throws {
    let evaluation = try parse(source).execution
    #expect(TerminationTests.echoes(evaluation) == echoes, "\(name)")
    #expect(evaluation.exitLocation?.line == exitLine, "\(name)")
  }

  /// The evaluation says why it stops.
  @Test func theStopNamesTheReadonlyVariable() throws {
    #expect(try parse("set -e\nreadonly r=1\nr=2").execution.stopCause == .readonlyAssignment("r"))
    #expect(try parse("set -e\nreadonly r=1\nread -r r <<<x || true").execution.stopCause == .readonlyAssignment("r"))
    #expect(try parse("set -e\nreadonly r=1\nlet r=2 || true").execution.stopCause == .readonlyAssignment("r"))
    #expect(try parse("set -e\nreadonly r=1\ndeclare r=2").execution.stopCause == nil, "declare only fails: set -e stops at the failing command")
  }

  /// A readonly variable keeps its value: bash abandons the assignment.
  @Test func aReadonlyVariableKeepsItsValue() throws {
    let evaluation = try parse("readonly R=a\nR=b\nread -r R <<<c\nprintf -v R d\nfor R in e; do :; done\necho \"$R\"").execution
    #expect(TerminationTests.echoes(evaluation) == ["a"])
  }
}

import Testing

@testable import ShellScriptModel

/// `set -u`: expanding an unset parameter ends the shell (or the subshell it is in),
/// whatever is around it, with or without `set -e` (bash 5.2). The script gets one
/// argument and every variable it does not set counts as unset.
@Suite struct NounsetTests {
  /// (script, the `echo` arguments walked, the line the walk stops at).
  static let cases: [(String, [String], Int?)] = [
    ("set -u\necho \"$2\"\necho after", [], 2),
    ("set -u\nf() { echo \"$2\"; }\nf one\necho after", [], 2),
    ("set -u\nunset x\necho \"$x\" || echo handled\necho after", [], 3),
    ("set -u\nunset x\nif [ -n \"$x\" ]; then echo then; fi\necho after", [], 3),
    ("set -u\nunset x\nf() { echo \"$x\"; }\nf || true\necho after", [], 3),
    ("set -u\nunset x\ny=$x || true\necho after", [], 3),
    ("set -u\nunset x\n((x))\necho after", [], 3),
    ("set -u\nunset x\n((x + 1)) || true\necho after", [], 3),
    ("set -u\nunset x\n((x++)) || true\necho after", [], 3),
    ("set -u\nunset x\necho $((x))\necho after", [], 3),
    ("set -u\nunset x\nlet \"y=x\" || true\necho after", [], 3),
    ("set -u\nunset n\nfor ((i = 0; i < n; i++)); do :; done\necho after", [], 3),
    ("set -u\nunset x\n[[ $x ]] || true\necho after", [], 3),
    ("set -u\nunset x\necho \"${#x}\"\necho after", [], 3),
    ("set -u\nunset x\necho \"${x#a}\"\necho after", [], 3),
    ("set -u\nunset x\necho \"${x:0:1}\"\necho after", [], 3),
    ("set -u\nunset x\necho \"${x^^}\" \"${x~}\"\necho after", [], 3),
    ("set -u\nunset x\necho \"${x@Q}\"\necho after", [], 3),
    ("set -u\nunset x\nfor i in $x; do :; done\necho after", [], 3),
    ("set -u\nunset x\ncase $x in *) ;; esac\necho after", [], 3),
    ("set -u\nunset x\necho hi > \"$x\"\necho after", [], 3),
    ("set -u\na=()\necho \"$a\"\necho after", [], 3),
    ("set -u\nx=a\necho \"${x[1]}\"\necho after", [], 3),
    ("set -u\nf() { local y; echo \"$y\"; }\nf\necho after", [], 2),
    ("set -u\nx=1\nunset x\necho \"$x\"\necho after", [], 4),
    ("set -eu\nunset x\ny=$(echo \"$x\")\necho after", [], 3),
    // Where bash goes on.
    ("set -u\necho \"$1\" \"${2:-}\" \"${2-}\" \"${2:+x}\" \"${2+x}\" \"${X:-d}\"\necho after", ["a", "after"], nil),
    ("set -u\necho \"$@\" \"$*\" \"$#\" \"${#@}\" \"${@:2}\"\necho after", ["a", "after"], nil),
    ("set -u\nset --\necho \"$@\" \"${@}\" \"${*}\"\necho after", ["", "after"], nil),
    // (Bash reports `${#a[@]}` and `${!x}` of an unset name but goes on.)
    ("set -u\nunset a x\n: \"${#a[@]}\" \"${a[@]}\" \"${x[@]:-}\" \"${!x}\"\necho after", ["after"], nil),
    ("set -u\nunset x\necho \"${x:=1}\"\necho after", ["1", "after"], nil),
    ("set -u\nunset x\n( echo \"$x\" ) || true\necho after", ["after"], nil),
    ("set -u\nunset x\ny=$(echo \"$x\") || true\necho after", ["after"], nil),
    ("set -u\nunset x\ny=$(echo \"$x\")\necho after", ["after"], nil),
    ("set -u\nunset x\necho \"$x\" &\necho after", ["after"], nil),
    ("set -u\nunset x\necho \"$x\" | cat\necho after", ["after"], nil),
    ("set -u\nunset x\ncat <<EOF\n$x\nEOF\necho after", ["after"], nil),
    ("set -u\nunset x\ncat <<< \"$x\"\necho after", ["after"], nil),
    ("set -u\nunset x\n[[ -v x ]] || true\necho after", ["after"], nil),
    ("set -u\nunset x\n[[ -n ${x:-} && $x == y ]] || true\necho after", ["after"], nil),
    ("set -u\nunset x\ncase a in a) ;; $x) ;; esac\necho after", ["after"], nil),
    ("set -u\nunset y\n((x = 1))\n: \"$((0 && y))\"\necho after", ["after"], nil),
    ("set -u\nf() { local -a have; echo \"${have[@]}\"; }\nf\necho after", ["", "after"], nil),
    ("set -u\necho \"$BASH_VERSION\" \"$HOME\"\necho after", ["$BASH_VERSION", "after"], nil),
    ("unset x\necho \"$x\"\necho after", ["", "after"], nil),
    ("set -u\nunset x\nsource ./config.sh\necho \"$x\"\necho after", ["", "after"], nil),
    // A variable the script never assigns may come from the caller's environment: the
    // walk goes on, and a plain read of it is the caller's value, unknown here.
    ("set -u\necho \"$X\"\n((Y))\nexport Z\necho \"$Z\"\necho after", ["$X", "$Z", "after"], nil),
    // With a default, an unset variable takes the default (the run starts with none set).
    ("set -u\necho \"${X:-dflt}\"\necho \"${#X}\"\necho after", ["dflt", "${#X}", "after"], nil),
  ]

  @Test(arguments: cases)
  func stops(source: String, echoes: [String], exitLine: Int?) throws {
    let evaluation = try parse(source).evaluate(Environment(arguments: ["a"], unlistedVariablesAreUnset: true))
    #expect(evaluation.commands(named: "echo").map { $0.resolvedArguments.first.map { $0.literal ?? $0.description } ?? "" } == echoes)
    #expect(evaluation.exitLocation?.line == exitLine)
  }

  /// The evaluation says why it stops.
  @Test func theStopSaysWhichParameterIsUnset() throws {
    let evaluation = try parse("set -u\nf() { echo \"$2\"; }\nf one").evaluate(Environment(arguments: ["a"], unlistedVariablesAreUnset: true))
    #expect(evaluation.exitLocation?.line == 2)
    #expect(evaluation.stopCause == .unsetParameter("2"))
    let arithmetic = try parse("set -u\nunset n\n((n > 1))").execution
    #expect(arithmetic.stopCause == .unsetParameter("n"))
    #expect(try parse("set -e\nfalse").execution.stopCause == nil)
  }

  /// A variable the caller's environment may set is not known to be unset.
  @Test func anUnknownVariableDoesNotEndTheWalk() throws {
    let evaluation = try parse("set -u\necho \"$X\"\necho after").execution
    #expect(evaluation.exitLocation == nil)
    #expect(evaluation.commands(named: "echo").count == 2)
  }
}

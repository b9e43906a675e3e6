import Diagnostics
import Testing

@testable import ShellScriptModel

/// `exit`, `return`, `break` and `continue` end only the paths they are on; the walk stops
/// only where every path has ended. `check`, `a` and `b` are commands whose status is not
/// known, so both outcomes of a condition on them are walked.
@Suite struct TerminationTests {
  /// The first argument of every `echo` the walk records, in order.
  static func echoes(_ evaluation: Evaluation) -> [String] {
    evaluation.commands(named: "echo").map { $0.resolvedArguments.first?.literal ?? "?" }
  }

  static let die = "die() { echo died; exit 1; }\n"

  @Test(arguments: [
    // return in an if inside a function: the call goes on with the returning path.
    (
      "return in if inside function",
      "f() {\n  if check; then\n    return 0\n  fi\n  echo fallthrough\n  exit 1\n}\nf\necho after",
      ["fallthrough", "after"], nil as Int?
    ),
    // The repository_exists shape: two returning paths, one that dies.
    (
      "returns then die",
      die + "f() {\n  if a; then return 0; fi\n  if b; then return 1; fi\n  die\n}\nif ! f; then echo missing; fi\necho after",
      ["died", "missing", "after"], nil
    ),
    ("return in the middle of a function", "f() { echo one; return 0; echo two; }\nf\necho after", ["one", "after"], nil),
    ("return inside a loop of a function", "f() {\n  for x in a b; do\n    if check; then return 0; fi\n  done\n  exit 3\n}\nf\necho after", ["after"], nil),
    ("return in a subshell ends the subshell", "f() { ( return 1 ); echo still; }\nf\necho after", ["still", "after"], nil),
    ("return outside a function does nothing", "return 1\necho after", ["after"], nil),
    // exit in one branch, in every branch.
    ("exit in one branch", "if check; then exit 1; fi\necho after", ["after"], nil),
    ("exit in the else branch", "if check; then echo then; else exit 2; fi\necho after", ["then", "after"], nil),
    ("exit in both branches", "if check; then\n  exit 1\nelse\n  exit 2\nfi\necho after", [], 2),
    ("exit in all but one elif", "if a; then exit 1; elif b; then echo b; else exit 3; fi\necho after", ["b", "after"], nil),
    ("exit in a decided branch", "if true; then exit 4; fi\necho after", [], 1),
    ("exit in a subshell", "( exit 1 )\nx=$(exit 2)\necho after", ["after"], nil),
    // cmd || die
    ("cmd || die", die + "check || die\necho after", ["died", "after"], nil),
    ("true || die", die + "true || die\necho after", ["after"], nil),
    ("false || die", die + "false || die\necho after", ["died"], 1),
    ("cmd && exit", "check && exit 0\necho after", ["after"], nil),
    // die in a case arm.
    ("die in an undecided case arm", die + "X=$(check)\ncase \"$X\" in\n  a) echo a ;;\n  *) die ;;\nesac\necho after", ["a", "died", "after"], nil),
    ("die in the decided case arm", die + "case prod in\n  dev) echo dev ;;\n  *) die ;;\nesac\necho after", ["died"], 1),
    ("exit in every case arm", "case $X in\n  a) exit 1 ;;\n  *) exit 2 ;;\nesac\necho after", [], 2),
    ("exit in a case arm without catch-all", "case $X in\n  a) exit 1 ;;\n  b) exit 2 ;;\nesac\necho after", ["after"], nil),
    // A function whose every path exits ends the caller's path.
    ("function exits on every path", "f() {\n  if check; then exit 1; fi\n  exit 2\n}\nf\necho after", [], 3),
    ("function exits in one branch", "f() {\n  if check; then exit 1; fi\n  echo body\n}\nf\necho after", ["body", "after"], nil),
    // break and continue.
    ("break in if", "for x in a b; do\n  if check; then break; fi\n  echo body\ndone\necho after", ["body", "after"], nil),
    ("unconditional break", "for x in a b; do\n  echo body\n  break\n  echo unreachable\ndone\necho after", ["body", "after"], nil),
    ("continue in if", "for x in a b; do\n  if check; then continue; fi\n  echo body\ndone\necho after", ["body", "after"], nil),
    ("unconditional continue", "for x in a b; do\n  continue\n  echo unreachable\ndone\necho after", ["after"], nil),
    ("break 2", "for a in 1 2; do\n  for b in 3 4; do\n    break 2\n  done\n  echo outer\ndone\necho after", ["after"], nil),
    ("break 2 in if", "for a in 1 2; do\n  for b in 3 4; do\n    if check; then break 2; fi\n    echo inner\n  done\n  echo outer\ndone\necho after", ["inner", "outer", "after"], nil),
    ("break in while true", "while true; do\n  if check; then break; fi\n  echo poll\ndone\necho after", ["poll", "after"], nil),
    ("while true never left", "while true; do\n  echo poll\ndone\necho after", ["poll"], nil),
    ("while true left by exit only", "while :; do\n  if check; then exit 0; fi\n  echo poll\ndone\necho after", ["poll"], nil),
    ("while true, every path exits", "while true; do\n  exit 5\ndone\necho after", [], 2),
    ("while true in a function left by return", "f() {\n  while true; do\n    if check; then return 0; fi\n    echo poll\n  done\n}\nf\necho after", ["poll", "after"], nil),
    ("until false left by break", "until false; do\n  check && break\ndone\necho after", ["after"], nil),
    ("while false skips the body", "while false; do\n  exit 1\ndone\necho after", ["after"], nil),
    ("exit in an undecided while", "while check; do\n  exit 1\ndone\necho after", ["after"], nil),
    ("break in a pipeline loop", "produce | while read -r line; do\n  break\ndone\necho after", ["after"], nil),
    ("break outside a loop does nothing", "break\necho after", ["after"], nil),
    // Nested functions: a return leaves only the innermost function.
    ("inner return, outer goes on", "inner() { return 0; }\nouter() { inner; echo outer; }\nouter\necho after", ["outer", "after"], nil),
    (
      "inner returns or exits",
      "inner() {\n  if check; then return 1; fi\n  exit 3\n}\nouter() { inner || echo recovered; echo outer; }\nouter\necho after",
      ["recovered", "outer", "after"], nil
    ),
    ("inner exits on every path", "inner() { exit 3; }\nouter() { inner; echo unreachable; }\nouter\necho after", [], 1),
    ("outer returns before the exit", die + "outer() {\n  check && return 0\n  die\n}\nouter\necho after", ["died", "after"], nil),
    // Under set -e a command that certainly fails ends the script (4.3.1, -e), unless bash
    // ignores -e there (a condition, a && or || list but its last, a negation).
    ("set -e then false", "set -e\nfalse\necho after", [], 2),
    ("set -e then a false test", "set -e\nX=a\ntest \"$X\" = b\necho after", [], 3),
    ("set -e then a false [[ ]]", "set -e\n[[ 1 -eq 2 ]]\necho after", [], 2),
    ("set -e, false in a function", "set -e\nf() { false; echo inside; }\nf\necho after", [], 2),
    ("set -e, true && false", "set -e\ntrue && false\necho after", [], 2),
    ("set -e, false && echo", "set -e\nfalse && echo then\necho after", ["after"], nil),
    ("set -e, false || echo", "set -e\nfalse || echo recovered\necho after", ["recovered", "after"], nil),
    ("set -e, ! false", "set -e\n! false\necho after", ["after"], nil),
    ("set -e, if false", "set -e\nif false; then echo then; fi\necho after", ["after"], nil),
    ("no set -e, false", "false\necho after", ["after"], nil),
    ("set -e, an unknown test", "set -e\ntest -f \"$1\"\necho after", ["after"], nil),
    // ((...)) fails when its value is 0: `((n++))` with n=0 is the classic set -e exit.
    ("set -e, ((n++)) from 0", "set -e\nn=0\n((n++))\necho after", [], 3),
    ("set -e, ((n--)) from an empty n", "set -e\nn=\n((n--))\necho after", [], 3),
    ("set -e, ((0))", "set -e\n((0))\necho after", [], 2),
    ("set -e, ((++n)) from -1", "set -e\nn=-1\n((++n))\necho after", [], 3),
    ("set -e, ((n++)) from 1", "set -e\nn=1\n((n++))\necho after", ["after"], nil),
    ("set -e, ((++n)) from 0", "set -e\nn=0\n((++n))\necho after", ["after"], nil),
    ("set -e, ((n++)) || true", "set -e\nn=0\n((n++)) || true\necho after", ["after"], nil),
    ("set -e, ((n)) of octal 00", "set -e\nn=00\n((n))\necho after", [], 3),
    ("set -e, ((n)) of octal 010", "set -e\nn=010\n((n))\necho after", ["after"], nil),
    ("set -e, ((n++)) of an unknown n", "set -e\nn=$(date +%s)\n((n++))\necho after", ["after"], nil),
    ("no set -e, ((n++)) from 0", "n=0\n((n++))\necho after", ["after"], nil),
    // Any arithmetic command whose value is 0, or that bash reports an error for, fails
    // (6.5 "Shell Arithmetic"; bash 5.2).
    ("set -e, (( 1 > 2 ))", "set -e\n(( 1 > 2 ))\necho after", [], 2),
    ("set -e, ((2 - 2))", "set -e\n((2 - 2))\necho after", [], 2),
    ("set -e, (( x < 3 )) with x=5", "set -e\nx=5\n(( x < 3 ))\necho after", [], 3),
    ("set -e, a value read as an expression", "set -e\nx=\"3+4\"\n(( x == 8 ))\necho after", [], 3),
    ("set -e, a value naming a variable", "set -e\nx=y\ny=0\n((x))\necho after", [], 4),
    ("set -e, ((1/0))", "set -e\n((1/0))\necho after", [], 2),
    ("set -e, ((08))", "set -e\n((08))\necho after", [], 2),
    ("set -e, (( x = 1, x - 1 ))", "set -e\n(( x = 1, x - 1 ))\necho after", [], 2),
    ("set -e, (( a[0] ))", "set -e\na=(0 1)\n(( a[0] ))\necho after", [], 3),
    ("set -e, (( $1 ))", "set -e\nset -- 0\n(( $1 ))\necho after", [], 3),
    ("set -e, ((0 && 1/0))", "set -e\n((0 && 1/0))\necho after", [], 2),
    ("set -e, ((i++)) from 0 in while ((i<3))", "set -e\ni=0\nwhile ((i<3)); do\n  ((i++))\n  echo it\ndone\necho after", [], 4),
    ("set -e, ((i++)) from 0 in until ((i>=3))", "set -e\ni=0\nuntil ((i>=3)); do ((i++)); done\necho after", [], 3),
    ("set -e, ((n++)) from 0 in for ((i=0;i<3;i++))", "set -e\nn=0\nfor ((i=0;i<3;i++)); do\n  ((n++))\ndone\necho after", [], 4),
    ("set -e, (( x == 7 )) of x=3+4", "set -e\nx=\"3+4\"\n(( x == 7 ))\necho after", ["after"], nil),
    ("set -e, (( a[1] ))", "set -e\na=(0 1)\n(( a[1] ))\necho after", ["after"], nil),
    ("set -e, ((1 || 1/0))", "set -e\n((1 || 1/0))\necho after", ["after"], nil),
    ("set -e, (( -2**2 == 4 ))", "set -e\n(( -2**2 == 4 ))\necho after", ["after"], nil),
    ("set -e, (( 16#ff == 255 ))", "set -e\n(( 16#ff == 255 ))\necho after", ["after"], nil),
    ("set -e, ((2**63 < 0)) wraps", "set -e\n((2**63 < 0))\necho after", ["after"], nil),
    ("set -e, if (( 1 > 2 ))", "set -e\nif (( 1 > 2 )); then echo then; else echo else; fi\necho after", ["else", "after"], nil),
    ("set -e, (( 1 > 2 )) || echo", "set -e\n(( 1 > 2 )) || echo recovered\necho after", ["recovered", "after"], nil),
    ("set -e, while ((i<3)) with i=5", "set -e\ni=5\nwhile ((i<3)); do echo body; done\necho after", ["after"], nil),
    ("set -e, for ((i=5;i<3;i++))", "set -e\nfor ((i=5;i<3;i++)); do echo body; done\necho after", ["after"], nil),
    ("set -e, for ((i=0;;i++)) left by break", "set -e\nfor ((i=0;;i++)); do ((i > 1)) && break; done\necho after", ["after"], nil),
    ("set -e, (( x )) of an unknown x", "set -e\nx=$(date +%s)\n(( x > 2 ))\necho after", ["after"], nil),
    // A pipeline's status is its last member's; with pipefail, any member's failure.
    ("set -e, true | false", "set -e\ntrue | false\necho after", [], 2),
    ("set -e, false | true", "set -e\nfalse | true\necho after", ["after"], nil),
    ("set -e -o pipefail, false | true", "set -eo pipefail\nfalse | true\necho after", [], 2),
    ("set -e -o pipefail, true | true", "set -eo pipefail\ntrue | true\necho after", ["after"], nil),
    ("set -e, true | false || echo", "set -e\ntrue | false || echo recovered\necho after", ["recovered", "after"], nil),
    ("set -e, ! true | false", "set -e\n! true | false\necho after", ["after"], nil),
    // A member's status is how its subshell ends: `exit N` in it gives N (bash 5.2).
    ("set -e, true | exit 1", "set -e\ntrue | exit 1\necho after", [], 2),
    ("set -e, true | exit 0", "set -e\ntrue | exit 0\necho after", ["after"], nil),
    ("set -e, true | exit (the last status)", "set -e\ntrue | exit\necho after", ["after"], nil),
    ("set -e, exit 1 | true", "set -e\nexit 1 | true\necho after", ["after"], nil),
    ("set -e -o pipefail, exit 3 | exit 0 | true", "set -eo pipefail\nexit 3 | exit 0 | true\necho after", [], 2),
    ("set -e, true | exit 1 || echo", "set -e\ntrue | exit 1 || echo recovered\necho after", ["recovered", "after"], nil),
    ("set -e, ! true | exit 1", "set -e\n! true | exit 1\necho after", ["after"], nil),
    ("set -e, true | a group whose last command fails", "set -e\ntrue | { echo in; false; }\necho after", ["in"], 2),
    ("set -e, true | a failing function", "set -e\nf() { [ a = b ] && echo x; }\ntrue | f\necho after", [], 3),
    ("set -e, ( exit 1 )", "set -e\n( exit 1 )\necho after", [], 2),
    ("set -e, ( exit 0 )", "set -e\n( exit 0 )\necho after", ["after"], nil),
    ("set -e, ( return 1 ) in a function", "set -e\nf() { ( return 1 ); echo inside; }\nf\necho after", [], 2),
    ("set -e, a subshell that exits 0 on one path", "set -e\n( if check; then exit 0; fi; false )\necho after", ["after"], nil),
    ("set -e, a subshell that exits 1 on every path", "set -e\n( if check; then exit 1; fi; false )\necho after", [], 2),
    // A command of assignments only returns the status of its last command substitution
    // (3.7.1); a declaration builtin returns its own (bash 5.2).
    ("set -e, x=$(false)", "set -e\nx=$(false)\necho after", [], 2),
    ("set -e, x=`false`", "set -e\nx=`false`\necho after", [], 2),
    ("set -e, x=$(exit 3) y=2", "set -e\nx=$(exit 3) y=2\necho after", [], 2),
    ("set -e, x=$(true) y=$(false)", "set -e\nx=$(true) y=$(false)\necho after", [], 2),
    ("set -e, x=$(false) y=$(true)", "set -e\nx=$(false) y=$(true)\necho after", ["after"], nil),
    ("set -e, x=\"a$(false)b\"", "set -e\nx=\"a$(false)b\"\necho after", [], 2),
    ("set -e, a=(x \"$(false)\")", "set -e\na=(x \"$(false)\")\necho after", [], 2),
    ("set -e, x=$(f) of a failing function", "set -e\nf() { [ a = b ] && echo x; }\nx=$(f)\necho after", [], 3),
    ("set -e, x=${y:-$(false)} with y unset", "set -e\nunset y\nx=${y:-$(false)}\necho after", [], 3),
    ("set -e, x=${y:-$(false)} with y set", "set -e\ny=1\nx=${y:-$(false)}\necho after", ["after"], nil),
    ("set -e, x=${Y:-$(false)} with Y unknown", "set -e\nx=${Y:-$(false)}\necho after", ["after"], nil),
    ("set -e, x=$(false) || echo", "set -e\nx=$(false) || echo recovered\necho after", ["recovered", "after"], nil),
    ("set -e, if x=$(false)", "set -e\nif x=$(false); then echo then; else echo else; fi\necho after", ["else", "after"], nil),
    ("set -e, local x=$(false)", "set -e\nf() { local x=$(false); echo inside; }\nf\necho after", ["inside", "after"], nil),
    ("set -e, readonly x=$(false)", "set -e\nreadonly x=$(false)\necho after", ["after"], nil),
    ("set -e, export x=$(false)", "set -e\nexport x=$(false)\necho after", ["after"], nil),
    ("set -e, declare x=$(false)", "set -e\ndeclare x=$(false)\necho after", ["after"], nil),
    ("set -e, x=$(false) cmd", "set -e\nx=$(false) echo cmd\necho after", ["cmd", "after"], nil),
    ("no set -e, x=$(false)", "x=$(false)\necho after", ["after"], nil),
    ("set -e, x=$(false; echo in)", "set -e\nx=$(false; echo in)\necho after", ["in", "after"], nil),
    ("set -e, inherit_errexit, x=$(false; echo in)", "set -e\nshopt -s inherit_errexit\nx=$(false; echo in)\necho after", [], 3),
    // `command` and `builtin` run the builtin; `env`, `nice`, `timeout` ... a program of the
    // same name, which fails as the builtin does (bash 5.2).
    ("set -e, command false", "set -e\ncommand false\necho after", [], 2),
    ("set -e, builtin false", "set -e\nbuiltin false\necho after", [], 2),
    ("set -e, env false", "set -e\nenv X=1 false\necho after", [], 2),
    ("set -e, nice -n 5 false", "set -e\nnice -n 5 false\necho after", [], 2),
    ("set -e, timeout 5 false", "set -e\ntimeout 5 false\necho after", [], 2),
    ("set -e, command [ 1 = 2 ]", "set -e\ncommand [ 1 = 2 ]\necho after", [], 2),
    ("set -e, env [ 1 = 2 ]", "set -e\nenv [ 1 = 2 ]\necho after", [], 2),
    ("set -e, command let n++ from 0", "set -e\nn=0\ncommand let n++\necho after", [], 3),
    ("set -e, ( exec false )", "set -e\n( exec false )\necho after", [], 2),
    ("set -e, command -v false", "set -e\ncommand -v false\necho after", ["after"], nil),
    ("set -e, command false || echo", "set -e\ncommand false || echo recovered\necho after", ["recovered", "after"], nil),
    ("set -e, if command false", "set -e\nif command false; then echo then; else echo else; fi\necho after", ["else", "after"], nil),
    ("set -e, if env true (a program that may be missing)", "set -e\nif env true; then echo then; else echo else; fi\necho after", ["then", "else", "after"], nil),
    ("set -e, command [ \"$n\" = 1 ] after eval", "set -e\nn=0\neval \"n=1\"\ncommand [ \"$n\" = 1 ]\necho after", ["after"], nil),
    ("set -e, let n++ after eval", "set -e\nn=0\neval \"n=1\"\nlet n++\necho after", ["after"], nil),
    // A loop whose condition reads what the body changes ends; one that cannot change does not.
    ("while on a counter the body counts down", "n=3\nwhile [ \"$n\" -gt 0 ]; do n=$((n-1)); done\necho after", ["after"], nil),
    ("until on a counter the body counts up", "n=0\nuntil ((n >= 3)); do n=$((n+1)); done\necho after", ["after"], nil),
    ("while [ 1 -eq 1 ] never ends", "while [ 1 -eq 1 ]; do echo body; done\necho after", ["body"], nil),
    ("while on a counter the body never changes never ends", "n=1\nwhile [ \"$n\" -gt 0 ]; do sleep 1; done\necho after", [], nil),
    ("while ((n)) with a body that never changes n never ends", "n=1\nwhile ((n)); do sleep 1; done\necho after", [], nil),
    ("while ((n--)) ends", "n=3\nwhile ((n--)); do sleep 1; done\necho after", ["after"], nil),
    ("while on a counter changed by continue's path ends", "n=3\nwhile [ \"$n\" -gt 0 ]; do n=$((n-1)); continue; done\necho after", ["after"], nil),
    ("while on a counter an eval may change ends", "n=1\nwhile [ \"$n\" -gt 0 ]; do eval \"$STEP\"; done\necho after", ["after"], nil),
    ("while on a global only a function's local shadows never ends", "x=a\nf() { local x=b; }\nwhile [[ $x == a ]]; do f; done\necho after", [], nil),
    ("[[ 010 -eq 8 ]] is arithmetic (octal), not known", "set -e\n[[ 010 -eq 8 ]]\necho after", ["after"], nil),
    ("[ 010 -eq 8 ] is decimal in test", "set -e\n[ 010 -eq 8 ]\necho after", [], 2),
    ("set -e, ((n++)) after a DEBUG trap", "set -e\nn=0\ntrap 'n=1' DEBUG\n((n++))\necho after", ["after"], nil),
    ("set -e, ((n++)) after declare of a computed name", "set -e\nn=0\nv=n\ndeclare \"$v=1\"\n((n++))\necho after", ["after"], nil),
    // Assignments the walk cannot see: a value it holds may be stale, so no stop on it.
    ("set -e, ((n)) after eval", "set -e\nn=0\neval \"n=5\"\n((n))\necho after", ["after"], nil),
    ("set -e, a test after source", "set -e\nn=0\nsource ./lib.sh\n[ \"$n\" -gt 0 ]\necho after", ["after"], nil),
    ("set -e, false after eval still ends", "set -e\neval \"n=5\"\nfalse\necho after", [], 3),
    ("while true never ends", "while true; do echo body; done\necho after", ["body"], nil),
    // A function falling off its end returns its last command's status (3.3 "Shell
    // Functions"); under set -e a failing call ends the script, a subshell's failing
    // status too, a brace group's not (bash 5.2).
    ("set -e, a function ending in a failing && list", "set -e\nENV=dev\ncheck() { [ \"$ENV\" = prod ] && echo prod; }\ncheck\necho after", [], 4),
    ("set -e, the same function where its test holds", "set -e\nENV=prod\ncheck() { [ \"$ENV\" = prod ] && echo prod; }\ncheck\necho after", ["prod", "after"], nil),
    ("set -e, the failing call with || true", "set -e\nENV=dev\ncheck() { [ \"$ENV\" = prod ] && echo prod; }\ncheck || true\necho after", ["after"], nil),
    // (A condition is decided by `return` statuses only, so both branches are walked.)
    ("set -e, the failing call as a condition", "set -e\nENV=dev\ncheck() { [ \"$ENV\" = prod ] && echo prod; }\nif check; then echo yes; fi\necho after", ["yes", "after"], nil),
    ("set -e, a function with a path that returns 0", "set -e\nf() {\n  if check; then return 0; fi\n  false && true\n}\nf\necho after", ["after"], nil),
    ("set -e, a failing call after eval", "set -e\nENV=dev\neval \"$X\"\ncheck() { [ \"$ENV\" = prod ] && echo prod; }\ncheck\necho after", ["after"], nil),
    ("set -e, a subshell whose && list fails", "set -e\n( false && true )\necho after", [], 2),
    ("set -e, a brace group whose && list fails", "set -e\n{ false && true; }\necho after", ["after"], nil),
    ("set -e, a subshell that recovers", "set -e\n( false || true )\necho after", ["after"], nil),
    ("set -e, let n++ from 0", "set -e\nn=0\nlet n++\necho after", [], 3),
    ("set -e, let n++ from 1", "set -e\nn=1\nlet n++\necho after", ["after"], nil),
    ("set -e, let with two expressions: the last decides", "set -e\nlet a=1 b=0\necho after", [], 2),
    ("set -e, let with two expressions, the last reading the first", "set -e\nlet a=1 b=a\necho after", ["after"], nil),
    ("set -e, ((n = 0))", "set -e\n((n = 0))\necho after", [], 2),
    ("set -e, ((n=2))", "set -e\n((n=2))\necho after", ["after"], nil),
    ("set -e, ((n == 0)) with n=0", "set -e\nn=0\n((n == 0))\necho after", ["after"], nil),
    // A function gets one argument per field: bash splits `f $x` (so the walk, which does
    // not, leaves $# unknown) and passes each of "$@".
    ("set -e, $# after an argument that splits", "set -e\nx=\"a b\"\nf() { [ $# -eq 2 ]; }\nf $x\necho after", ["after"], nil),
    ("set -e, $# after \"${a[@]}\"", "set -e\na=(x y)\nf() { [ $# -eq 2 ]; }\nf \"${a[@]}\"\necho after", ["after"], nil),
    ("set -e, $# after $(...)", "set -e\nf() { [ $# -eq 2 ]; }\nf $(printf 'a b')\necho after", ["after"], nil),
    // A function named like a builtin or a wrapper runs instead of it (3.7.2).
    ("false defined as a function that succeeds", "false() { :; }\nfalse || exit 3\necho after", ["after"], nil),
    ("test defined as a function that succeeds", "test() { return 0; }\ntest -n \"\" || exit 3\necho after", ["after"], nil),
    ("command defined as a function that succeeds", "command() { :; }\ncommand false || exit 3\necho after", ["after"], nil),
    ("env defined as a function that succeeds", "env() { :; }\nenv false || exit 3\necho after", ["after"], nil),
    ("true defined as a function that fails", "true() { return 1; }\ntrue || exit 3\necho after", [], 2),
    ("false not redefined", "false || exit 3\necho after", [], 1),
    ("set -e, \"$@\" passes each argument", "set -e\nset -- a b\nf() { [ $# -eq 2 ] || exit 3; }\nf \"$@\"\necho after", ["after"], nil),
    ("set -e, \"$@\" and one more", "set -e\nset -- a b\nf() { [ $# -eq 2 ] || exit 3; }\nf \"$@\" c\necho after", [], 3),
    // A loop over the arguments that the body shifts ends; one whose body leaves them does not.
    ("while on $# the body shifts ends", "set -- a b\nwhile [ $# -gt 0 ]; do shift; done\necho after", ["after"], nil),
    ("while on $1 the body shifts ends", "set -- a b\nwhile [ -n \"${1:-}\" ]; do shift; done\necho after", ["after"], nil),
    ("while on $# the body sets the arguments ends", "set -- a b\nwhile [ \"$#\" != 0 ]; do set --; done\necho after", ["after"], nil),
    ("while on $# the body never changes never ends", "set -- a\nwhile [ $# -gt 0 ]; do sleep 1; done\necho after", [], nil),
  ])
  func termination(name: String, source: String, echoes: [String], exitLine: Int?) throws {
    let evaluation = try parse(source).execution
    #expect(Self.echoes(evaluation) == echoes, "\(name)")
    #expect(evaluation.exitLocation?.line == exitLine, "\(name)")
    #expect(!evaluation.isTruncated, "\(name)")
  }

  /// Variables bash sets itself (and HOME, PATH) are set in every run, even where the
  /// caller's environment counts as empty: guards on them do not end the walk.
  @Test(arguments: [
    "if [[ -z \"${BASH_VERSION:-}\" ]]; then echo unsupported; exit 1; fi",
    "set -e\n[[ -n $BASH_VERSION ]]",
    "set -e\n((LINENO))",
    "[ -n \"${HOME:-}\" ] || exit 1",
    "test -z \"${PATH:-}\" && exit 1",
  ])
  func guardsOnVariablesBashSetsDoNotEndTheWalk(guardText: String) throws {
    let evaluation = try parse(guardText + "\necho after").evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
    #expect(Self.echoes(evaluation).last == "after")
    #expect(evaluation.exitLocation == nil)
    let unset = try parse("if [[ -z \"${DEPLOY_TOKEN:-}\" ]]; then exit 1; fi\necho after").evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
    #expect(unset.exitLocation?.line == 1, "a variable only the caller's environment could set still counts as unset")
  }

  /// A walk that never leaves a loop says where the loop is; one that leaves it does not.
  @Test func anEndlessLoopIsLocated() throws {
    let endless = try parse("echo before\nwhile true; do\n  sleep 1\ndone\necho after").execution
    #expect(endless.endlessLoopLocation?.line == 2)
    #expect(endless.exitLocation == nil)
    let left = try parse("while true; do\n  if check; then break; fi\ndone\necho after").execution
    #expect(left.endlessLoopLocation == nil)
    #expect(Self.echoes(left) == ["after"])
  }

  /// A function's `return N` decides a condition on its call when every path agrees.
  @Test(arguments: [
    ("f() { return 0; }\nif f; then echo yes; else echo no; fi", ["yes"]),
    ("f() { return 1; }\nf || echo failed\nf && echo unreachable", ["failed"]),
    ("f() { if check; then return 0; fi; return 0; }\nif ! f; then echo no; fi\necho after", ["after"]),
    ("f() { if check; then return 0; fi; return 1; }\nif f; then echo yes; else echo no; fi", ["yes", "no"]),
    ("f() { check; }\nif f; then echo yes; else echo no; fi", ["yes", "no"]),
    ("f() { if check; then return 0; fi; exit 1; }\nif f; then echo yes; else echo no; fi", ["yes"]),
    ("f() { return $N; }\nif f; then echo yes; else echo no; fi", ["yes", "no"]),
  ])
  func returnStatusDecidesConditions(source: String, echoes: [String]) throws {
    let evaluation = try parse(source).execution
    #expect(Self.echoes(evaluation) == echoes)
    #expect(evaluation.exitLocation == nil)
  }

  /// What a path assigns before it jumps reaches the join where the function or loop ends.
  @Test func jumpingPathsKeepTheirAssignments() throws {
    let function = try parse("f() {\n  if check; then X=early; return 0; fi\n  X=late\n}\nf\necho \"$X\"").execution
    #expect(function.variable("X")?.possibleValues().map(Set.init) == ["early", "late"])
    let loop = try parse("for x in a; do\n  if check; then Y=broke; break; fi\n  Y=done\ndone").execution
    #expect(loop.variable("Y")?.possibleValues().map(Set.init) == ["broke", "done"])
    let returned = try parse("f() { local L=inner; G=global; return 0; }\nL=outer\nf").execution
    #expect(returned.variable("L")?.literal == "outer")
    #expect(returned.variable("G")?.literal == "global")
    let positional = try parse("f() { shift; return 0; }\nset -- one two\nf x y\necho \"$1\"").execution
    #expect(Self.echoes(positional) == ["one"])
    let exited = try parse("f() { if check; then X=exited; exit 1; fi; X=kept; }\nf").execution
    #expect(exited.variable("X")?.literal == "kept")
  }

  /// Source order walks everything: no path ends there.
  @Test func sourceOrderIgnoresJumps() throws {
    let script = try parse("f() { return 0; echo one; }\nfor x in a; do break; echo two; done\nexit 1\necho three")
    let source = script.walkInSourceOrder()
    #expect(Self.echoes(source) == ["one", "two", "three"])
    #expect(source.exitLocation == nil)
  }
}

import Diagnostics
import Testing

@testable import ShellScriptModel

/// Constructs that reach command lookup by the side doors bash leaves open: arithmetic in
/// array subscripts and in variable values, names computed at run time, RETURN and other
/// traps, quoted subscripts, and IFS. Each makes the following `sam deploy` shadowed (so
/// rules relying on it give needs-evidence); the ordinary forms next to them do not.
/// Every hostile line was run in bash 5.2, with the names the walk cannot know set to
/// PATH or sam: each changes PATH, the hash table, the aliases or IFS there (`${!v:=x}`
/// when the variable it names is unset).
@Suite struct HostileShadowingTests {
  private func kinds(_ source: String) throws -> [CommandShadowing.Kind] {
    let evaluation = try parse(source + "\nsam deploy $X\n").evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
    return try #require(evaluation.commands(named: "sam", "deploy").last).shadowing.map(\.kind)
  }

  /// Bash evaluates an indexed array's subscript, an arithmetic operand and a variable's
  /// value named in an expression as arithmetic, and an assignment in it assigns.
  @Test(arguments: [
    ("arr[PATH=1]=x", CommandShadowing.Kind.pathChange),
    ("arr[$((PATH=1))]=x", .pathChange),
    ("arr[PATH = 1]+=x", .pathChange),
    (": ${arr[PATH=1]}", .pathChange),
    ("echo \"${#arr[PATH=1]}\"", .pathChange),
    ("arr=(a); unset 'arr[PATH=1]'", .pathChange),
    ("arr=([PATH=1]=x)", .pathChange),
    ("declare -a arr[PATH=1]=x", .pathChange),
    ("read -r 'arr[PATH=1]' <<<x", .pathChange),
    ("printf -v 'arr[PATH=1]' %s x", .pathChange),
    ("x='PATH=1'; ((x))", .pathChange),
    ("x='PATH=1'; y=x; echo $((y + 0))", .pathChange),
    ("x='PATH=1'; arr[x]=2", .pathChange),
    ("v=PATH; (( $v = 1 ))", .pathChange),
    ("if grep -q x f; then v=PATH; else v=HOME; fi; (( ${v} = 1 ))", .pathChange),
    ("x=abc; echo \"${x:PATH=1}\"", .pathChange),
    ("x=abc; echo \"${x:0:PATH=1}\"", .pathChange),
    ("[[ 1 -eq PATH=1 ]]", .pathChange),
    ("x='PATH=1'; [[ $x -gt 0 ]]", .pathChange),
    ("[[ -v arr[PATH=1] ]]", .pathChange),
    ("declare -i n; n=PATH=1", .pathChange),
    ("local -i n=PATH=1", .pathChange),
    ("let 'a[PATH=1]=2'", .pathChange),
    ("((BASH_CMDS[sam]=1))", .hashedPath("sam")),
    ("x='BASH_ALIASES[sam]=1'; ((x))", .alias("sam")),
    ("x='IFS=1'; ((x))", .fieldSplitting),
  ])
  func arithmeticAssigns(source: String, kind: CommandShadowing.Kind) throws {
    let found = try kinds(source)
    #expect(found.contains(kind), "\(found)")
  }

  /// A variable named only at run time may be PATH, BASH_CMDS, BASH_ALIASES or IFS.
  @Test(arguments: [
    ("declare \"$v=/x\"", CommandShadowing.Kind.computedName),
    ("export \"$v=/x\"", .computedName),
    ("f() { local \"$1=/x\"; }\nf \"$(cat name)\"", .computedName),
    ("readonly \"$v\"", .computedName),
    ("typeset \"$v\"=/x", .computedName),
    ("printf -v \"$v\" %s /x", .computedName),
    ("read -r \"$v\" <<<x", .computedName),
    ("read -ra \"$v\" <<<x", .computedName),
    ("mapfile -t \"$v\" </dev/null", .computedName),
    ("getopts ab \"$v\"", .computedName),
    ("sleep 1 & wait -n -p \"$v\"", .computedName),
    ("unset \"$v\"", .computedName),
    (": \"${!v:=/x}\"", .computedName),
    ("declare -n ref=\"$v\"", .computedName),
    ("declare -n ref; ref=PATH; ref=/x", .computedName),
    ("BASH_CMDS[$k]=/bin/true", .hashedPath(nil)),
    ("BASH_ALIASES[$k]=true", .alias(nil)),
    ("v=PATH; declare \"$v=/x\"", .pathChange),
    ("v=PATH; export \"$v\"=/x", .pathChange),
    ("export \"PATH=/tmp/x:$PATH\"", .pathChange),
    ("declare -n ref=PATH; ref=/x", .pathChange),
    ("declare -n ref=BASH_ALIASES; ref[sam]=true", .alias(nil)),
    ("f='arr[PATH=1]'; echo \"${!f}\"", .pathChange),
    ("x='$((PATH=1))'; echo \"${x@P}\"", .computedName),
    ("a=PATH=1; declare -ia arr; arr=(a)", .pathChange),
    ("mapfile -C \"$CALLBACK\" -c 1 lines </dev/null", .eval),
    ("PS4='+$((PATH=0)) '", .tracePrompt),
    ("export EXECIGNORE='*/sam'", .pathChange),
  ])
  func computedNames(source: String, kind: CommandShadowing.Kind) throws {
    let found = try kinds(source)
    #expect(found.contains(kind), "\(found)")
  }

  @Test func quotedEnvAssignmentChangesPath() throws {
    let evaluation = try parse("env \"PATH=/tmp/x\" sam deploy\n").evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
    let deploy = try #require(evaluation.commands(named: "sam", "deploy").last)
    #expect(deploy.shadowing.map(\.kind) == [.pathChange])
  }

  /// A name reference to an ordinary variable makes it unknown when written through, and
  /// reads through one are unknown: `latest=x; declare -n T=latest` must not read as `latest`.
  @Test func nameReferencesAreNotFollowedBlindly() throws {
    let evaluation = try parse("TAG=abc\ndeclare -n T=TAG\nT=other\necho \"$TAG\" \"$T\"\n").evaluate(Environment(arguments: []))
    let echo = try #require(evaluation.commands(named: "echo").last)
    #expect(echo.resolvedArguments.allSatisfy { $0.literal == nil }, "\(echo.resolvedArguments)")
  }

  /// RETURN traps count whatever they run (like DEBUG); other signals count when their
  /// action may change lookup (or is not known); EXIT traps and removed traps do not.
  @Test(arguments: [
    ("set -T\ntrap 'PATH=/x' RETURN", CommandShadowing.Kind.trap("RETURN")),
    ("set -o functrace; trap 'echo hi' RETURN", .trap("RETURN")),
    ("trap 'PATH=/tmp/x' ERR", .trap("ERR")),
    ("trap -- 'sam() { :; }' USR1\nkill -USR1 $$", .trap("USR1")),
    ("trap \"$ACTION\" SIGINT", .trap("INT")),
    ("f() { PATH=/x; }\ntrap f ERR", .trap("ERR")),
    ("trap 'alias sam=true' TERM", .trap("TERM")),
    ("f() { trap f ERR; }\ntrap f ERR", .trap("ERR")),
    ("trap 'echo' ERR\nf() { IFS=,; }\ntrap f HUP", .trap("HUP")),
  ])
  func trapsThatMayShadow(source: String, kind: CommandShadowing.Kind) throws {
    let found = try kinds(source)
    #expect(found.contains(kind), "\(found)")
  }

  /// IFS other than the default makes unquoted expansions split differently: the commands
  /// that have one are shadowed while it is in effect.
  @Test(arguments: [
    "IFS=a",
    "IFS=,",
    "export IFS=:",
    "IFS=$(printf ,)",
    "read -r IFS <<<x",
    "declare -n r=IFS; r=,",
    "for IFS in , .; do :; done",
  ])
  func ifsChanges(source: String) throws {
    let found = try kinds(source)
    #expect(found.contains(.fieldSplitting), "\(found)")
  }

  /// Scripts that only look like the hostile ones.
  @Test(arguments: [
    "arr[0]=x\narr[i]=y\ni=$((i + 1))\nx=5\n((x > 1))\n: \"${arr[i]}\" \"${arr[@]}\"",
    "declare -A m\nm[\"k\"]=v\nm['j']=w",
    "declare -r A=1 B=\"$(date)\"\nlocal a b\nexport AWS_PAGER=\"\"\nreadonly A",
    "read -r a b <<<\"$s\"\nread -rp 'Name: ' name\nprintf -v out '%s' x\nmapfile -t lines </dev/null\ngetopts ab opt",
    "export \"PATH=$PATH:/opt/bin\"\nenv \"A=1\" true",
    "IFS=. read -r -a have <<<\"$1\"\nIFS= read -r line <<<x",
    "IFS=,\nIFS=$' \\t\\n'",
    "OLD=$IFS\nIFS=,\nIFS=$OLD",
    "f() { local IFS=,; echo \"$*\"; }\nf a b",
    "unset IFS",
    "export -n PATH\necho \"$PATH\"",
    "PS4='+ '\nset -x\nx='\\u'\necho \"${x@P}\"",
    "f() { local -n out=$1; out=done; }\nf result",
    "trap 'rm -f \"$TMP\"' EXIT\ntrap 'echo failed at $LINENO >&2' ERR\ntrap 'x' RETURN\ntrap - RETURN",
    "[[ $n -eq 1 && -v HOME ]]",
    "n=3; echo \"${x:1:n}\"",
  ])
  func ordinaryFormsAreNotShadowing(source: String) throws {
    let found = try kinds(source)
    #expect(found.isEmpty, "\(found)")
  }

  /// IFS matters only for words with unquoted expansions.
  @Test func quotedWordsAreUnaffectedByIFS() throws {
    let evaluation = try parse("IFS=$'\\n\\t'\nsam deploy --stack-name \"$STACK\"\n").evaluate(Environment(arguments: ["prod"]))
    #expect(try #require(evaluation.commands(named: "sam", "deploy").last).shadowing.isEmpty)
  }

  /// Loop lists, array literals and `"$*"` split and join with the IFS in effect.
  @Test func splittingFollowsIFS() throws {
    let source = "IFS=,\nL='a,b,,c'\nfor t in $L; do echo \"$t\"; done\nA=($L)\nset -- x y\nJ=\"$*\"\nIFS=' '\necho \"${A[@]}\" \"$J\"\n"
    let evaluation = try parse(source).evaluate(Environment(arguments: []))
    let echoes = evaluation.commands(named: "echo")
    let loop = try #require(echoes.first?.resolvedArguments.first)
    guard case .symbol(let symbol) = try #require(loop.pieces.first), case .alternatives(let options) = symbol.kind else {
      Issue.record("expected the loop variable's alternatives, got \(loop)")
      return
    }
    #expect(options.compactMap(\.literal) == ["a", "b", "", "c"])
    #expect(echoes.last?.resolvedArguments.map(\.literal) == ["a b  c", "x,y"])
    #expect(Evaluator.split(" a , b  c,", at: " ,") == ["a", "b", "c"])
    #expect(Evaluator.split("a,,b", at: ",") == ["a", "", "b"])
    #expect(Evaluator.split("a b", at: "") == ["a b"])
  }

  /// Quoted subscripts are read as assignments, not as command names.
  @Test func quotedSubscriptsAreAssignments() throws {
    let command = try #require(try statements("arr[\"k\"]=v arr['j']=w B[sa\"m\"]+=x C[$k]=y D[x[1]]=z run").first?.simpleCommand)
    #expect(command.assignments.map(\.name) == ["arr", "arr", "B", "C", "D"])
    #expect(command.assignments.map(\.arrayIndex) == ["\"k\"", "'j'", "sa\"m\"", "$k", "x[1]"])
    #expect(command.assignments.map { $0.subscriptWord?.literalValue } == ["k", "j", "sam", nil, "x[1]"])
    #expect(command.assignments[2].isAppend)
    #expect(command.assignments.map { $0.value.words.first?.literalValue } == ["v", "w", "x", "y", "z"])
    #expect(command.name?.literalValue == "run")
    #expect(Assignment(word: try argumentWord("A\"[0]\"=1")) == nil)
    #expect(Assignment(word: try argumentWord("A[0]\"=\"1")) == nil)
    #expect(try kinds("BASH_ALIASES[sa\"m\"]=true") == [.alias("sam")])
  }

  /// At the start of a command bash reads `NAME[` up to the matching `]`, blanks and
  /// metacharacters included (`a[i + 1]=x` is one assignment); after the command name it
  /// does not (`echo a[1 + 1]` has three arguments). A subscript that never closes there
  /// is bash's syntax error too.
  @Test func subscriptsWithBlanksAtCommandStart() throws {
    let command = try #require(try statements("A=1 a[i + 1]=x b[$(echo 1 2)]+=y echo c[1 + 1]=z").first?.simpleCommand)
    #expect(command.assignments.map(\.arrayIndex) == [nil, "i + 1", "$(echo 1 2)"])
    #expect(command.arguments.map(\.text) == ["c[1", "+", "1]=z"])
    let nested = try #require(try statements("echo $(a[x y]=1; echo) d[1 + 1]").first?.simpleCommand)
    #expect(nested.arguments.map(\.text) == ["$(a[x y]=1; echo)", "d[1", "+", "1]"])
    let inner = try #require(nested.arguments.first?.commandSubstitutions.first?.statements.first?.simpleCommand)
    #expect(inner.assignments.map(\.arrayIndex) == ["x y"])
    let error = try #require(parseError("echo ok\na[1 + 1\necho more\n"))
    #expect(error.message.contains("unterminated array subscript") && error.location?.line == 2 && error.location?.column == 2)
  }

  /// The declaration builtins read `NAME=value` after quote removal.
  @Test func declarationArgumentsWithQuotedNames() throws {
    let assignment = try #require(Assignment(declarationArgument: try argumentWord("\"PATH=$PATH:/x\"")))
    #expect(assignment.name == "PATH" && Evaluator.onlyAppends(assignment))
    let element = try #require(Assignment(declarationArgument: try argumentWord("'A[k]'+=1")))
    #expect(element.name == "A" && element.arrayIndex == "k" && element.isAppend)
    #expect(Assignment(declarationArgument: try argumentWord("\"$v=1\"")) == nil)
    #expect(Assignment(declarationArgument: try argumentWord("plain")) == nil)
  }

  /// A value read as arithmetic again and again is bounded: a script that makes one that
  /// refers to itself, or a long chain, ends quickly and counts as assigning what it may.
  @Test func arithmeticOnValuesIsBounded() throws {
    #expect(try kinds("x='x+x'; ((x))").isEmpty)
    #expect(try kinds("x='$x$x'; (($x))") == [.computedName])
    var chain = "v0=PATH=1\n"
    for index in 1..<200 { chain += "v\(index)=v\(index - 1)\n" }
    #expect(try kinds(chain + "((v199))") == [.pathChange])
  }
}

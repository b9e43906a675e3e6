import Diagnostics
import Testing

@testable import ShellScriptModel

/// How values and output move through a script in execution order: `printf -v`,
/// command-output symbols per run of a substitution, `${VAR:offset:length}` of command
/// output, where a command's standard output goes, and which and-or list a command is in.
@Suite struct ValueFlowTests {
  func evaluation(_ text: String) throws -> Evaluation {
    try parse(text).evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
  }

  @Test func printfVAssignsTheFormattedValue() throws {
    let evaluation = try evaluation("set_var() { printf -v \"$1\" '%s' \"$2\"; }\nset_var URL \"$(aws cloudformation describe-stacks)\"\nprintf -v LABEL 'v%s-%d%%' 1 2\n")
    let url = try #require(evaluation.variable("URL"))
    #expect(url.symbols.first?.command == "aws cloudformation describe-stacks")
    #expect(evaluation.variable("LABEL")?.literal == "v1-2%")
  }

  /// A builtin reads `"$@"` as one field per positional parameter: the wrapper
  /// `read() { builtin read "$@"; }` called as `read -r status rest` reads both names, so
  /// a caller's `local status` is set, not left unset for `set -u` to end the script (it
  /// had failed 11.6 and 11.7 on this repository's deploy.sh with that wrapper added).
  @Test(arguments: ["read() { builtin read \"$@\"; }", "myread() { builtin read \"$@\"; }", "myread() { command read \"$@\"; }"])
  func aBuiltinReadsTheFieldsOfAllPositionalParameters(wrapper: String) throws {
    let call = wrapper.hasPrefix("read") ? "read" : "myread"
    let evaluation = try evaluation("set -u\n\(wrapper)\nf() {\n  local status rest\n  \(call) -r status rest <<<\"a b\"\n  echo \"$status\" \"$rest\"\n}\nf\necho done\n")
    let echoes = evaluation.commands(named: "echo")
    #expect(echoes.count == 2)
    guard case .input? = echoes.first?.resolvedArguments.first?.symbols.first?.kind else {
      Issue.record("expected status read from input, got \(echoes.first?.resolvedArguments ?? [])")
      return
    }
    #expect(echoes.last?.resolvedArguments.first?.literal == "done")
  }

  /// `"${a[@]}"` and `"$@"` in an array literal or a `for` list give one element each (an
  /// adversarial tester's `t=("${t[@]}" "${t[@]}")` had made t one joined element, and
  /// `docker push "${t[1]}"` pushed what bash never pushes).
  @Test func allElementsAreListedOneByOne() throws {
    let evaluation = try evaluation("t=(A)\nt=(\"${t[@]}\" \"${t[@]}\")\nt=(\"${t[@]}\" L)\necho \"${t[1]}\" \"${t[2]}\" \"${#t[@]}\"\nset -- x 'y z'\nfor w in \"$@\"; do last=$w; done\necho \"$last\"\n")
    let echoes = evaluation.commands(named: "echo")
    #expect(echoes.first?.resolvedArguments.map(\.literal) == ["A", "L", "3"])
    // The loop's variable is one of the elements, not their join.
    guard case .alternatives(let options)? = echoes.last?.resolvedArguments.first?.symbols.first?.kind else {
      Issue.record("expected the loop variable to be one of the elements, got \(echoes.last?.resolvedArguments ?? [])")
      return
    }
    #expect(options.map(\.literal) == ["x", "y z"])
  }

  /// `${a[@]/p/r}`, `${a[@]#p}`, `${a[@]^^}` and `${@%p}` act on each element (bash 5.2):
  /// `refs=("${refs[@]/#/$URI}")` prefixes every element, so `docker push "${refs[1]}"`
  /// pushes `$URI:latest` (the join had been changed once, a false fail of 2.3).
  @Test func operationsOnAllElementsActOnEachElement() throws {
    let evaluation = try evaluation("""
      a=(x x x)
      echo "${a[@]/x/yy}" "${a[*]#x}" "${a[@]^^}"
      refs=(":sha" ":latest")
      refs=("${refs[@]/#/repo}")
      echo "${refs[1]}" "${#refs[@]}"
      set -- a.txt b.txt
      echo "${@%.txt}"
      for f in "${@%.txt}"; do last=$f; done
      """)
    let echoes = evaluation.commands(named: "echo").map { $0.resolvedArguments.map(\.literal) }
    #expect(echoes.count == 3)
    #expect(echoes.first == ["yy yy yy", "  ", "X X X"])
    #expect(echoes.dropFirst().first == ["repo:latest", "2"])
    #expect(echoes.last == ["a b"])

    // A prefix from command output stays what it is in each element.
    let unknownPrefix = try self.evaluation("URI=$(aws ecr x)\nrefs=(\":sha\" \":latest\")\nrefs=(\"${refs[@]/#/$URI}\")\necho \"${refs[1]}\"\n")
    let pushed = try #require(unknownPrefix.commands(named: "echo").first?.resolvedArguments.first)
    #expect(pushed.symbols.first?.command == "aws ecr x")
    #expect(pushed.pieces.last == .literal(":latest"))
  }

  /// `set -- "$@"` keeps the positional parameters one by one.
  @Test func setKeepsTheFieldsOfAllPositionalParameters() throws {
    let evaluation = try evaluation("set -- a 'b c'\nset -- \"$@\" d\necho \"$2\" \"$#\"\n")
    let echo = try #require(evaluation.commands(named: "echo").first)
    #expect(echo.resolvedArguments.map(\.literal) == ["b c", "3"])
  }

  @Test func printfVWithAFormatItCannotComputeReadsInput() throws {
    let evaluation = try evaluation("printf -v X '%05.1f' 3\n")
    let value = try #require(evaluation.variable("X"))
    guard case .input = value.symbols.first?.kind else {
      Issue.record("expected input, got \(value)")
      return
    }
  }

  /// `coproc` runs its command in the background, as `&` does, and sets NAME (default
  /// COPROC) and NAME_PID to values only known at run time (3.2.6 "Coprocesses").
  @Test func aCoprocessRunsInTheBackgroundAndSetsItsVariables() throws {
    let evaluation = try parse("set -eu\ncoproc READER { exit 1; }\ncoproc cat\necho \"${READER[0]} $READER_PID $COPROC_PID\"\necho after").evaluate(
      Environment(arguments: [], unlistedVariablesAreUnset: true))
    #expect(evaluation.exitLocation == nil)
    #expect(evaluation.commands(named: "echo").count == 2)
    let cat = try #require(evaluation.commands(named: "cat").first)
    #expect(cat.context.isBackgrounded)
    for name in ["READER", "READER_PID", "COPROC", "COPROC_PID"] {
      #expect(evaluation.variable(name) != nil && evaluation.variable(name)?.literal == nil, "\(name)")
    }
  }

  @Test func eachRunOfASubstitutionIsItsOwnValue() throws {
    let evaluation = try evaluation("out() { aws cloudformation describe-stacks --query \"$1\"; }\nA=$(out ClusterName)\nB=$(out DashboardUrl)\n")
    let a = try #require(evaluation.variable("A")?.symbols.first)
    let b = try #require(evaluation.variable("B")?.symbols.first)
    #expect(a != b)
    let reads = evaluation.commands.filter { $0.isCommand("aws") }
    #expect(reads.count == 2)
    #expect(a.commands?.contains(reads[0].order) == true && a.commands?.contains(reads[1].order) == false)
    #expect(b.commands?.contains(reads[1].order) == true)
  }

  @Test(arguments: [("${SHA:0:7}", "git rev-parse HEAD | cut -c1-7"), ("${SHA::12}", "git rev-parse HEAD | cut -c1-12"), ("${SHA:2:3}", "git rev-parse HEAD | cut -c3-5")])
  func substringOfCommandOutputIsCut(_ expansion: String, _ command: String) throws {
    let evaluation = try evaluation("SHA=$(git rev-parse HEAD)\nTAG=\(expansion)\n")
    #expect(evaluation.variable("TAG")?.symbols.first?.command == command)
  }

  /// Where `echo` (the last one in each script) writes.
  @Test(arguments: [
    ("echo hi", "terminal"),
    ("echo hi >&2", "terminal"),
    ("echo hi >/dev/stderr", "terminal"),
    ("echo hi >/dev/null", "file /dev/null"),
    ("echo hi >>out.log", "file out.log"),
    ("echo hi 2>&1 >/dev/null", "file /dev/null"),
    ("echo hi >/dev/null 2>&1 >&2", "file /dev/null"),
    ("echo hi >&2 2>/dev/null", "terminal"),
    ("echo hi &>/dev/null", "file /dev/null"),
    ("echo hi >&-", "closed"),
    ("{ echo hi; } >url.txt", "file url.txt"),
    ("if true; then echo hi; fi >/dev/null", "file /dev/null"),
    ("say() { echo \"$1\"; }\nsay hi >/dev/null", "file /dev/null"),
    ("say() { echo \"$1\"; }\nsay hi", "terminal"),
    ("exec >deploy.log 2>&1\necho hi", "file deploy.log"),
    ("(exec >deploy.log)\necho hi", "terminal"),
    ("echo hi | tee out", "pipe"),
    ("X=$(echo hi)", "captured"),
    ("echo hi >\"$(mktemp)\"", "unknown"),
  ])
  func standardOutput(_ script: String, _ expected: String) throws {
    let evaluation = try evaluation(script + "\n")
    let echo = try #require(evaluation.commands.last { $0.isCommand("echo") })
    let destination = evaluation.standardOutput(of: echo)
    let shape: String
    switch destination {
    case .terminal: shape = "terminal"
    case .file(let path, _): shape = "file " + path.description
    case .closed: shape = "closed"
    case .captured: shape = "captured"
    case .pipe: shape = "pipe"
    case .unknown: shape = "unknown"
    }
    #expect(shape == expected, "\(script.debugDescription): \(destination)")
  }

  @Test func andOrListsAtTheSameLevelAreTellApart() throws {
    let evaluation = try evaluation("a || b\nc || d\n")
    let b = try #require(evaluation.commands.first { $0.isCommand("b") })
    let a = try #require(evaluation.commands.first { $0.isCommand("a") })
    let d = try #require(evaluation.commands.first { $0.isCommand("d") })
    #expect(b.context.frames == d.context.frames, "the frames alone are the same")
    #expect(!b.context.sharesConstructs(with: d.context, depth: 1))
    #expect(a.context.anchors.first == b.context.anchors.first)
  }
}

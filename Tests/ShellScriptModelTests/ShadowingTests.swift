import Diagnostics
import Testing

@testable import ShellScriptModel

/// `CommandInvocation.shadowing`: the constructs that can make a command not run as
/// written (functions, aliases, PATH changes, `set -n`, DEBUG traps, `source`, `eval`,
/// `enable`, `hash -p`), where they are, and only where they are in effect.
@Suite struct ShadowingTests {
  private func deploy(_ source: String) throws -> CommandInvocation {
    let evaluation = try parse(source).evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
    return try #require(evaluation.commands(named: "sam", "deploy").last)
  }

  private func kinds(_ source: String) throws -> [CommandShadowing.Kind] {
    try deploy(source).shadowing.map(\.kind)
  }

  @Test(arguments: [
    ("sam() { :; }\nsam deploy --config-env prod\n", CommandShadowing.Kind.function("sam"), 1, 1),
    ("function sam { echo skipped; }\nsam deploy\n", .function("sam"), 1, 1),
    ("alias sam=true\nsam deploy\n", .alias("sam"), 1, 1),
    ("shopt -s expand_aliases\nalias sam='echo sam'\nsam deploy\n", .alias("sam"), 2, 1),
    ("set -n\nsam deploy\n", .noexec, 1, 1),
    ("set -euo noexec\nsam deploy\n", .noexec, 1, 1),
    ("shopt -s extdebug\ntrap 'return 1' DEBUG\nsam deploy\n", .debugTrap, 2, 1),
    ("trap -- 'false' debug\nsam deploy\n", .debugTrap, 1, 1),
    ("PATH=/tmp/fake:$PATH\nsam deploy\n", .pathChange, 1, 1),
    ("export PATH=\"/opt/bin:${PATH}\"\nsam deploy\n", .pathChange, 1, 8),
    ("PATH=/tmp/fake sam deploy\n", .pathChange, 1, 1),
    ("env PATH=/tmp/fake sam deploy\n", .pathChange, 1, 5),
    ("unset PATH\nsam deploy\n", .pathChange, 1, 1),
    ("source ./helpers.sh\nsam deploy\n", .sourcedFile("./helpers.sh"), 1, 1),
    (". \"$(dirname \"$0\")/lib.sh\"\nsam deploy\n", .sourcedFile("a file named only at run time"), 1, 1),
    ("eval \"$SETUP\"\nsam deploy\n", .eval, 1, 1),
    ("enable -f ./sam.so sam\nsam deploy\n", .builtinChange("sam"), 1, 1),
    ("hash -p /tmp/sam sam\nsam deploy\n", .hashedPath("sam"), 1, 1),
    ("timeout() { :; }\ntimeout 900 sam deploy\n", .function("timeout"), 1, 1),
    ("BASH_CMDS[sam]=/bin/true\nsam deploy\n", .hashedPath("sam"), 1, 1),
    ("declare -A BASH_CMDS=([sam]=/bin/true)\nsam deploy\n", .hashedPath(nil), 1, 12),
    ("BASH_ALIASES[\"sam\"]=true\nsam deploy\n", .alias("sam"), 1, 1),
    ("declare -n P=PATH\nP=/tmp/evil\nsam deploy\n", .pathChange, 1, 1),
    ("local -n C=BASH_CMDS\nsam deploy\n", .hashedPath(nil), 1, 1),
    ("((PATH=1))\nsam deploy\n", .pathChange, 1, 1),
    ("let PATH=1\nsam deploy\n", .pathChange, 1, 1),
    (": $(( PATH = 1 ))\nsam deploy\n", .pathChange, 1, 3),
    ("\"${SAM_BIN:-sam}\" deploy\n", .nameFromEnvironment("SAM_BIN"), 1, 1),
  ])
  func constructsAreReportedWithTheirLocation(source: String, kind: CommandShadowing.Kind, line: Int, column: Int) throws {
    let shadowing = try deploy(source).shadowing
    let construct = try #require(shadowing.first { $0.kind == kind }, "\(shadowing)")
    #expect(construct.location == SourceLocation(file: "deploy.sh", line: line, column: column))
  }

  /// Helpers with other names, appending to PATH, `source /dev/null`, constructs that
  /// were removed, and ones confined to a subshell or another command change nothing.
  @Test(arguments: [
    "log() { printf '%s\\n' \"$*\"; }\ndeploy_stack() { sam deploy \"$@\"; }\nlog go\ndeploy_stack --config-env prod\n",
    "PATH=\"$PATH:/opt/tools/bin\"\nPATH+=\":$HOME/bin\"\nexport PATH=${PATH}:/x\nsam deploy\n",
    "source /dev/null\nsource\nsam deploy\n",
    "trap 'echo $BASH_COMMAND' DEBUG\ntrap - DEBUG\nsam deploy\n",
    "trap 'rm -f \"$TMP\"' EXIT\ntrap 'echo failed' ERR\nsam deploy\n",
    "(PATH=/tmp/fake; alias sam=true; set -n; echo inside)\nout=$(eval echo hi; source x.sh)\nsam deploy\n",
    "PATH=/tmp/fake docker build .\nalias ll='ls -l'\nhash -p /bin/ls ls\nsam deploy\n",
    "set -euo pipefail\nset -x\nsam deploy\n",
  ])
  func ordinaryScriptsHaveNone(source: String) throws {
    let found = try kinds(source)
    #expect(found.isEmpty, "\(found)")
  }

  /// `command`, `env`, `exec` and other wrappers run the program, not a function of that
  /// name (Command Search and Execution): the function is not inlined there.
  @Test func wrappersBypassFunctions() throws {
    let evaluation = try parse("sam() { echo fake; }\ncommand sam deploy\nenv sam deploy\n/usr/local/bin/sam deploy\nsam deploy\n").evaluate(Environment(arguments: ["prod"]))
    let deploys = evaluation.commands(named: "sam", "deploy")
    #expect(deploys.map(\.calledFunction) == [nil, nil, nil, "sam"])
    #expect(evaluation.commands(named: "echo").count == 1)
  }

  /// In a wrapper function `sam() { command sam "$@"; }` the call is shadowed and the
  /// `command sam` inside it is the real program.
  @Test func aWrapperFunctionRunsTheProgram() throws {
    let evaluation = try parse("sam() { command sam \"$@\"; }\nsam deploy --config-env prod\n").evaluate(Environment(arguments: ["prod"]))
    let calls = evaluation.commands(named: "sam")
    #expect(calls.count == 2)
    #expect(calls[0].shadowing.map(\.kind) == [.function("sam")])
    #expect(calls[1].callStack == ["sam"] && calls[1].calledFunction == nil && calls[1].shadowing.isEmpty)
  }

  /// A function defined as a wrapper's name is what runs: `timeout 900 aws ...` calls
  /// function `timeout` with `900 aws ...` as its arguments.
  @Test func aFunctionNamedLikeAWrapperIsCalled() throws {
    let evaluation = try parse("timeout() { echo \"$1\"; }\ntimeout 900 sam deploy\n").evaluate(Environment(arguments: ["prod"]))
    let deploy = try #require(evaluation.commands(named: "sam", "deploy").first)
    #expect(deploy.calledFunction == "timeout")
    #expect(evaluation.commands(named: "echo").first?.resolvedArguments.first?.literal == "900")
  }

  /// A DEBUG trap or a PATH change after the command, or in a branch that the env does
  /// not take, is not in effect at it; one in an undecided branch may be.
  @Test func onlyConstructsOnThePathCount() throws {
    #expect(try kinds("sam deploy\nPATH=/tmp/fake\ntrap x DEBUG\n").isEmpty)
    #expect(try kinds("if [ \"$1\" = dev ]; then PATH=/tmp/fake; fi\nsam deploy\n").isEmpty)
    #expect(try kinds("if grep -q fake /etc/hosts; then PATH=/tmp/fake; fi\nsam deploy\n") == [.pathChange])
  }

  @Test func descriptionsNameTheConstructAndItsLocation() throws {
    let construct = try #require(try deploy("\n  sam() { :; }\nsam deploy\n").shadowing.first)
    #expect(construct.description == "function sam defined at deploy.sh:2:3 runs instead of the sam command")
  }
}

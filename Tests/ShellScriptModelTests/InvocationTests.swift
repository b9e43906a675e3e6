import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct InvocationTests {
  private func command(_ source: String, named name: String, environment: Environment = Environment(arguments: ["prod"])) throws -> CommandInvocation {
    try #require(try parse(source).evaluate(environment).commands(named: name).first)
  }

  /// `--parameter-overrides` as one quoted string, as several words, with `=`, and the
  /// `ParameterKey=...,ParameterValue=...` form.
  @Test(arguments: [
    ("sam deploy --parameter-overrides \"EnvName=$ENV ImageTag=$SHA\" --no-fail-on-empty-changeset", ["EnvName=prod", "ImageTag=$SHA"]),
    ("sam deploy --parameter-overrides \"EnvName=$ENV\" \"ImageTag=$SHA\" --config-env \"$ENV\"", ["EnvName=prod", "ImageTag=$SHA"]),
    ("sam deploy --parameter-overrides EnvName=$ENV ImageTag=$SHA", ["EnvName=prod", "ImageTag=$SHA"]),
    ("sam deploy --parameter-overrides=EnvName=$ENV ImageTag=$SHA", ["EnvName=prod", "ImageTag=$SHA"]),
    ("sam deploy --parameter-overrides ParameterKey=EnvName,ParameterValue=$ENV", ["EnvName=prod"]),
    ("sam deploy --parameter-overrides 'Desc=\"two words\" Min=2'", ["Desc=two words", "Min=2"]),
    ("sam deploy --parameter-overrides $EXTRA", ["?=$EXTRA"]),
    ("OVR=\"A=1 B=$ENV\"\nsam deploy --parameter-overrides $OVR", ["A=1", "B=prod"]),
  ])
  func parameterOverrides(source: String, expected: [String]) throws {
    let deploy = try command("ENV=$1\n" + source, named: "sam")
    let overrides = try #require(deploy.parameterOverrides)
    #expect(overrides.map { "\($0.key ?? "?")=\($0.value.description)" } == expected)
  }

  @Test func overridesAbsent() throws {
    #expect(try command("sam deploy --config-env prod", named: "sam").parameterOverrides == nil)
  }

  @Test func flagsAndValues() throws {
    let build = try command(
      "SHA=$(git rev-parse --short HEAD)\ndocker build -t \"$REPO:$SHA\" --tag=\"$REPO:latest\" -f Dockerfile --build-arg A=1 .",
      named: "docker")
    #expect(build.subcommandPath == ["build"])
    #expect(build.isSubcommand("build"))
    #expect(build.hasFlag("-t") && build.hasFlag("--tag") && !build.hasFlag("--push"))
    let tags = build.values(ofFlag: "-t", "--tag")
    #expect(tags.map(\.value.description) == ["$REPO:$(git rev-parse --short HEAD)", "$REPO:latest"])
    #expect(tags[1].word.text == "--tag=\"$REPO:latest\"")
    #expect(build.value(ofFlag: "-f")?.literal == "Dockerfile")
    #expect(build.positionalArguments(optionsWithValues: ["-t", "-f", "--build-arg"]).map(\.value.description) == ["build", "."])
  }

  @Test func subcommandsWithGlobalOptions() throws {
    let login = try command("aws --region us-east-1 ecr get-login-password | docker login --username AWS --password-stdin x", named: "aws")
    #expect(login.isSubcommand("ecr", "get-login-password"))
    #expect(!login.isSubcommand("ecr", "describe-repositories"))
    #expect(login.value(ofFlag: "--region")?.literal == "us-east-1")
    let wait = try command("aws ecs wait services-stable --cluster c --services s", named: "aws")
    #expect(wait.subcommandPath == ["ecs", "wait", "services-stable"])
    let buildx = try command("docker buildx build --push -t a .", named: "docker")
    #expect(buildx.isSubcommand("buildx", "build"))
  }

  @Test func wrappers() throws {
    let wait = try command("timeout 900 aws ecs wait services-stable --cluster c", named: "aws")
    #expect(wait.commandIndex == 2)
    #expect(wait.name.text == "aws")
    #expect(wait.wrapper(named: "timeout")?.arguments.map(\.literal) == ["900"])
    #expect(wait.location == SourceLocation(file: "deploy.sh", line: 1, column: 13))
    let sudo = try command("sudo -u deploy env AWS_PAGER= nohup sam deploy", named: "sam")
    #expect(sudo.wrappers.map { $0.name.literal } == ["sudo", "env", "nohup"])
    let timeoutOptions = try command("timeout --signal=KILL -k 10 15m aws ecs wait services-stable", named: "aws")
    #expect(timeoutOptions.wrapper(named: "timeout")?.arguments.map(\.literal) == ["--signal=KILL", "-k", "10", "15m"])
    let check = try command("command -v docker", named: "command")
    #expect(check.checkedCommandNames == ["docker"])
    #expect(try command("which aws sam", named: "which").checkedCommandNames == ["aws", "sam"])
    #expect(try command("type -p git", named: "type").checkedCommandNames == ["git"])
    #expect(try command("hash sam 2>/dev/null", named: "hash").checkedCommandNames == ["sam"])
  }

  @Test func commandByPathAndSyntheticCommands() throws {
    let script = try parse("/usr/local/bin/aws --version\n[[ -n $X ]]\n(( n > 1 ))")
    #expect(script.commands(named: "aws").count == 1)
    let test = try #require(script.commands(named: "[[").first)
    #expect(test.kind == .conditional && test.arguments.map(\.text) == ["-n", "$X"])
    #expect(script.commands(named: "((").first?.arguments.first?.text == " n > 1 ")
  }

  @Test func redirectionsAndAssignmentsAreKept() throws {
    let aws = try command("AWS_PAGER= aws ecs describe-services >out.json 2>&1", named: "aws")
    #expect(aws.assignments.map(\.name) == ["AWS_PAGER"])
    #expect(aws.redirections.map(\.op) == [.output, .duplicateOutput])
    #expect(aws.redirections[1].fileDescriptor == 2 && aws.redirections[1].target?.text == "1")
  }

  @Test func endOfOptions() throws {
    let rm = try command("rm -f -- -weird --force", named: "rm")
    #expect(rm.hasFlag("-f") && !rm.hasFlag("--force"))
    #expect(rm.positionalArguments.map(\.literal) == ["-weird", "--force"])
  }
}

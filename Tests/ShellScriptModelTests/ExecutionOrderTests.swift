import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct ExecutionOrderTests {
  private let deploy = """
    #!/usr/bin/env bash
    set -euo pipefail

    require() {
      command -v "$1" >/dev/null 2>&1 || { echo "missing $1" >&2; exit 1; }
    }

    check_prerequisites() {
      for tool in aws docker sam git; do require "$tool"; done
      docker info >/dev/null
    }

    login() {
      aws ecr get-login-password --region "$REGION" | docker login --username AWS --password-stdin "$REGISTRY"
    }

    unused() { rm -rf /; }

    ENV="${1:-dev}"
    REGION=us-east-1
    REGISTRY="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.$REGION.amazonaws.com"
    check_prerequisites
    SHA="$(git rev-parse --short HEAD)"
    docker build -t "$REGISTRY/app:$SHA" -t "$REGISTRY/app:latest" .
    login
    docker push "$REGISTRY/app:$SHA"
    docker push "$REGISTRY/app:latest"
    sam deploy --config-env "$ENV"
    timeout 900 aws ecs wait services-stable --cluster "c-$ENV" --services "s-$ENV"
    """

  @Test func functionsAreInlinedAtTheirCalls() throws {
    let script = try parse(deploy)
    let names = script.execution.commands.map { ($0.commandName ?? "?") + ($0.subcommandPath.first.map { " " + $0 } ?? "") }
    #expect(
      names == [
        "set", "aws sts", "check_prerequisites", "require", "command", "echo", "exit", "docker info", "git rev-parse", "docker build",
        "login", "aws ecr", "docker login", "docker push", "docker push", "sam deploy", "aws ecs",
      ])
    let orders = script.execution.commands.map(\.order)
    #expect(orders == Array(0..<orders.count))
    // The loop over tools calls `require` once with the loop variable's alternatives.
    let check = try #require(script.commands(named: "command").first)
    #expect(check.callStack == ["check_prerequisites", "require"])
    #expect(check.functionName == "require")
    #expect(check.resolvedArguments.last?.possibleValues() == ["aws", "docker", "sam", "git"])
    #expect(check.context.frames.contains(.function(name: "require", call: SourceLocation(file: "deploy.sh", line: 9, column: 38))))
  }

  @Test func functionCallsAreFindable() throws {
    let script = try parse(deploy)
    #expect(script.execution.calls(to: "login").map(\.location.line) == [25])
    #expect(script.execution.calls(to: "unused").isEmpty)
    #expect(script.execution.commands(inFunction: "login").compactMap(\.commandName) == ["aws", "docker"])
    // `rm` is only inside a function that is never called: absent in execution order,
    // present in source order with its function name.
    #expect(script.commands(named: "rm").isEmpty)
    #expect(script.walkInSourceOrder().commands(named: "rm").first?.functionName == "unused")
  }

  @Test func orderOfDeploySteps() throws {
    let script = try parse(deploy)
    let evaluation = script.evaluate(Environment(arguments: ["prod"]))
    func first(_ name: String, _ path: String...) -> Int? {
      evaluation.commands.first { $0.isCommand(name) && $0.subcommandPath.starts(with: path) }?.order
    }
    let login = try #require(first("docker", "login"))
    let push = try #require(first("docker", "push"))
    let deploy = try #require(first("sam", "deploy"))
    let wait = try #require(first("aws", "ecs", "wait"))
    #expect(try #require(first("docker", "info")) < login)
    #expect(login < push && push < deploy && deploy < wait)
    let waitCommand = evaluation.commands[wait]
    #expect(waitCommand.wrapper(named: "timeout")?.arguments.first?.literal == "900")
    #expect(waitCommand.value(ofFlag: "--cluster")?.literal == "c-prod")
    let loginCommand = evaluation.commands[login]
    #expect(loginCommand.context.frames.contains(.pipeline(position: 1, count: 2)))
    #expect(loginCommand.resolvedArguments.last?.description == "$(aws sts get-caller-identity --query Account --output text).dkr.ecr.us-east-1.amazonaws.com")
  }

  @Test func recursionIsBounded() throws {
    let script = try parse("f() { echo in; f; }\nf\necho after")
    #expect(script.execution.commands.compactMap(\.commandName) == ["f", "echo", "f", "echo"])
    #expect(!script.execution.isTruncated)
  }

  @Test func exponentialCallsAreTruncated() throws {
    var source = "f0() { echo leaf; echo leaf; }\n"
    for level in 1...30 { source += "f\(level)() { f\(level - 1); f\(level - 1); }\n" }
    source += "f30\necho end"
    let script = try parse(source)
    #expect(script.execution.isTruncated)
    #expect(script.execution.commands.last?.commandName == "echo")
    #expect(script.execution.commands.last?.resolvedArguments.first?.literal == "end")
  }

  @Test func exitStopsTheWalk() throws {
    let script = try parse("echo one\nexit 0\necho two")
    #expect(script.execution.commands.compactMap(\.commandName) == ["echo", "exit"])
    #expect(script.execution.exitLocation == SourceLocation(file: "deploy.sh", line: 2, column: 1))
    #expect(script.walkInSourceOrder().commands.count == 3)
  }

  @Test func contextFrames() throws {
    let script = try parse(
      """
      if aws ecs wait services-stable; then echo ok; else echo bad; fi
      while ! aws ecs describe-services >/dev/null; do sleep 10; done &
      case $1 in prod) deploy ;; esac
      x=$(inner)
      """)
    func frames(_ name: String) throws -> [ContextFrame] { try #require(script.commands(named: name).first).context.frames }
    let l1 = SourceLocation(file: "deploy.sh", line: 1, column: 1)
    let l2 = SourceLocation(file: "deploy.sh", line: 2, column: 1)
    #expect(try frames("aws") == [.ifCondition(l1)])
    #expect(script.commands(named: "echo").map(\.context.frames) == [[.thenBranch(l1)], [.elseBranch(SourceLocation(file: "deploy.sh", line: 1, column: 48))]])
    let poll = try #require(script.commands(named: "aws").last)
    #expect(poll.context.frames == [.background, .loopCondition(.while, l2), .negation])
    #expect(try frames("sleep") == [.background, .loopBody(.while, l2)])
    #expect(try frames("deploy") == [.caseItem(patterns: ["prod"], SourceLocation(file: "deploy.sh", line: 3, column: 12))])
    #expect(try frames("inner") == [.commandSubstitution(SourceLocation(file: "deploy.sh", line: 4, column: 3))])
    #expect(try #require(script.commands(named: "deploy").first).context.isConditional)
  }
}

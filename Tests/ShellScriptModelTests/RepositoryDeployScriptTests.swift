import Diagnostics
import Testing

@testable import ShellScriptModel

/// The repository's own `deploy.sh` (at the package root), walked for `dev` and `prod`.
/// Its helpers return from one branch and `die` on another (`repository_exists`,
/// `stack_status`, `require_output`, `version_ge`), so the walk must go on past every call
/// to the end of the script.
@Suite struct RepositoryDeployScriptTests {
  static func packageRoot(filePath: String = #filePath) -> String {
    var components = filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    components.removeLast(3)  // Tests/ShellScriptModelTests/<file> → package root
    return components.joined(separator: "/")
  }

  static func evaluate(_ env: String) throws -> Evaluation {
    let source = try SourceText.read(path: packageRoot() + "/deploy.sh", displayName: "deploy.sh")
    let script = try ShellScript.parse(source)
    return script.evaluate(Environment(arguments: [env], unlistedVariablesAreUnset: true, scriptName: "deploy.sh"))
  }

  /// True when `word` is `<known text ending in suffix>` followed by the output of
  /// `git rev-parse --short HEAD`.
  static func endsWithGitSHA(_ word: ResolvedWord, after suffix: String) -> Bool {
    guard word.pieces.count >= 2, case .literal(let text) = word.pieces[word.pieces.count - 2],
      case .symbol(let symbol) = word.pieces[word.pieces.count - 1]
    else { return false }
    return text.hasSuffix(suffix) && symbol.command == "git rev-parse --short HEAD"
  }

  @Test(arguments: ["dev", "prod"])
  func walkReachesTheEnd(env: String) throws {
    let evaluation = try Self.evaluate(env)
    #expect(evaluation.exitLocation == nil)
    #expect(!evaluation.isTruncated)
    let repository = "vibejudge-dashboard-\(env)"

    // 1. Prerequisites, inside check_prerequisites.
    let prerequisites = evaluation.commands(inFunction: "check_prerequisites")
    let lookup = try #require(prerequisites.first { $0.resolvedWords.first?.literal == "command" })
    #expect(lookup.resolvedWords.dropFirst().first?.literal == "-v")
    #expect(lookup.resolvedWords.last?.possibleValues() == ["aws", "docker", "sam", "git"])
    let dockerInfo = try #require(prerequisites.first { $0.isCommand("docker") && $0.isSubcommand("info") })
    let samVersion = try #require(prerequisites.first { $0.isCommand("sam") && $0.resolvedArguments.first?.literal == "--version" })
    let workTree = try #require(
      prerequisites.first { $0.isCommand("git") && $0.resolvedArguments.map(\.literal) == ["rev-parse", "--is-inside-work-tree"] })
    #expect(lookup.order < dockerInfo.order && dockerInfo.order < samVersion.order && samVersion.order < workTree.order)
    #expect(evaluation.calls(to: "version_ge").count == 1)

    // The image tag and the account.
    let head = try #require(evaluation.commands.first { $0.isCommand("git") && $0.resolvedArguments.map(\.literal) == ["rev-parse", "--short", "HEAD"] })
    let account = try #require(evaluation.commands(named: "aws", "sts", "get-caller-identity").first)
    #expect(workTree.order < head.order && head.order < account.order)

    // 2. Build, tagged <uri>:<git sha> and <uri>:latest.
    let build = try #require(evaluation.commands(named: "docker", "build").first)
    let tags = build.values(ofFlag: "-t").map(\.value)
    #expect(tags.count == 2)
    #expect(tags.first.map { Self.endsWithGitSHA($0, after: ".dkr.ecr.us-east-1.amazonaws.com/\(repository):") } == true)
    #expect(tags.last?.description.hasSuffix(".dkr.ecr.us-east-1.amazonaws.com/\(repository):latest") == true)
    #expect(build.resolvedArguments.last?.literal == ".")
    #expect(account.order < build.order)

    // 3. First deploy: sam deploy with DeployService=false inside `if ! repository_exists`.
    #expect(evaluation.calls(to: "repository_exists").count == 2)
    let deploys = evaluation.commands(named: "sam", "deploy")
    #expect(deploys.count == 2)
    let bootstrap = try #require(deploys.first)
    let main = try #require(deploys.last)
    #expect(bootstrap.callStack == ["run_sam_deploy"])
    #expect(bootstrap.context.frames.contains { if case .thenBranch(let at) = $0 { at.line == 311 } else { false } })
    #expect(build.order < bootstrap.order)

    // 4. Log in and push both tags.
    let password = try #require(evaluation.commands(named: "aws", "ecr", "get-login-password").first)
    let login = try #require(evaluation.commands(named: "docker", "login").first)
    #expect(password.context.frames.contains(.pipeline(position: 0, count: 2)))
    #expect(login.context.frames.contains(.pipeline(position: 1, count: 2)))
    #expect(login.hasFlag("--password-stdin"))
    #expect(login.statementLocation.line == password.statementLocation.line)
    let pushes = evaluation.commands(named: "docker", "push")
    #expect(pushes.count == 2)
    #expect(pushes.first?.resolvedArguments.last.map { Self.endsWithGitSHA($0, after: "/\(repository):") } == true)
    #expect(pushes.last?.resolvedArguments.last?.description.hasSuffix("/\(repository):latest") == true)
    #expect(bootstrap.order < password.order && password.order < login.order)
    #expect(login.order < (pushes.first?.order ?? -1) && (pushes.last?.order ?? .max) < main.order)

    // 5. Both sam deploys, with every parameter override resolved.
    for (deploy, service) in [(bootstrap, "false"), (main, "true")] {
      #expect(deploy.value(ofFlag: "--config-env")?.literal == env)
      #expect(deploy.value(ofFlag: "--stack-name")?.literal == repository)
      let overrides = try #require(deploy.parameterOverrides)
      #expect(overrides.map(\.key) == ["Environment", "ImageTag", "DeployService", "DomainName", "AlarmEmail"])
      #expect(overrides[0].value.literal == env)
      #expect(overrides[1].value.symbols.map(\.command) == ["git rev-parse --short HEAD"])
      #expect(overrides[1].value.isSymbolic)
      #expect(overrides[2].value.literal == service)
      #expect(overrides[3].value.literal == "")
      #expect(overrides[3].item.literal == "DomainName=\"\"")
      #expect(overrides[4].value.literal == "")
    }

    // 6. The outputs, the service wait loop, then the final report.
    let describeStacks = evaluation.commands(inFunction: "require_output").filter { $0.isCommand("aws") && $0.isSubcommand("cloudformation", "describe-stacks") }
    #expect(describeStacks.count == 4)
    #expect(describeStacks.first.map { main.order < $0.order } == true)
    let poll = try #require(evaluation.commands(inFunction: "wait_for_service_stable").first { $0.isCommand("aws") && $0.isSubcommand("ecs", "describe-services") })
    #expect(poll.context.frames.contains(.loopBody(.while, SourceLocation(file: "deploy.sh", line: 221, column: 3))))
    #expect(main.order < poll.order)
    let printfs = evaluation.commands(named: "printf").filter { $0.context.frames.isEmpty }
    #expect(printfs.map(\.location.line) == [373, 374, 375])
    #expect(printfs.first.map { poll.order < $0.order } == true)
    #expect(evaluation.commands.last?.location.line == 375)
  }
}

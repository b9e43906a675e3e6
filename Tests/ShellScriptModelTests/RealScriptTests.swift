import Diagnostics
import Testing

@testable import ShellScriptModel

/// The deploy scripts of the shared cases parse, and the facts their rules need are there.
@Suite struct RealScriptTests {
  private func at(_ line: Int, _ column: Int, _ file: String = "deploy.sh") -> Diagnostics.SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  @Test func case01OverridesOnlyImageTag() throws {
    let script = try loadCase("01-", "deploy.sh")
    #expect(script.shebang?.program == "bash")
    let prod = script.evaluate(Environment(arguments: ["prod"]))
    let deploy = try #require(prod.commands(named: "sam", "deploy").first)
    #expect(prod.commands(named: "sam", "deploy").count == 1)
    #expect(deploy.location == at(7, 1))
    #expect(deploy.value(ofFlag: "--config-env")?.literal == "prod")
    let overrides = try #require(deploy.parameterOverrides)
    #expect(overrides.map(\.key) == ["ImageTag"])
    #expect(overrides[0].value.symbols.first?.command == "git rev-parse --short HEAD")
    #expect(overrides[0].value.symbols.first?.variable == "IMAGE_TAG")
    // Without arguments the env is the script's default.
    #expect(script.evaluate(Environment(arguments: [])).commands(named: "sam").first?.value(ofFlag: "--config-env")?.literal == "prod")
    // Unbound, the env stays symbolic with its expression.
    #expect(script.commands(named: "sam").first?.value(ofFlag: "--config-env")?.value.description == "${1:-prod}")
  }

  @Test func case01FixedPassesEnvNameAndImageTag() throws {
    let script = try loadCase("01-", "fixed/deploy.sh")
    let prod = script.evaluate(Environment(arguments: ["prod"]))
    let deploy = try #require(prod.commands(named: "sam", "deploy").first)
    #expect(deploy.location.line == 8)
    let overrides = try #require(deploy.parameterOverrides)
    #expect(overrides.map(\.key) == ["EnvName", "ImageTag"])
    #expect(overrides[0].value.literal == "prod")
    #expect(overrides[1].value.isSymbolic)
  }

  @Test func case17BuildContextAndTags() throws {
    let script = try loadCase("17-", "deploy.sh")
    let build = try #require(script.commands(named: "docker", "build").first)
    #expect(build.location == at(6, 1))
    #expect(build.positionalArguments(optionsWithValues: ["-t", "--tag", "-f", "--file"]).map(\.literal) == ["build", "."])
    let tags = build.values(ofFlag: "-t", "--tag")
    #expect(tags.map(\.value.description) == ["$1:$(git rev-parse --short HEAD)", "$1:latest"])
    #expect(tags[0].value.symbols.last?.command == "git rev-parse --short HEAD")
    #expect(tags[0].value.symbols.last?.variable == "TAG")
    let bound = script.evaluate(Environment(arguments: ["111122223333.dkr.ecr.us-east-1.amazonaws.com/orbit"]))
    let boundTags = try #require(bound.commands(named: "docker").first).values(ofFlag: "-t")
    #expect(boundTags[1].literal == "111122223333.dkr.ecr.us-east-1.amazonaws.com/orbit:latest")
    #expect(boundTags[0].value.knownPrefix == "111122223333.dkr.ecr.us-east-1.amazonaws.com/orbit:")
  }

  /// The rule of case 20, written against the model.
  private func deadStatusChecks(_ script: ShellScript) -> [(check: Diagnostics.SourceLocation, assignment: Diagnostics.SourceLocation, setAt: Diagnostics.SourceLocation?)] {
    script.execution.statements.compactMap { record in
      guard record.statement.isAssignmentOnly, record.statement.assignments.contains(where: \.hasCommandSubstitution),
        record.errexit.isEffective, let next = record.next, next.readsExitStatusImmediately
      else { return nil }
      return (next.location, record.location, record.errexit.setAt)
    }
  }

  @Test func case20DeadStatusCheck() throws {
    let script = try loadCase("20-", "deploy.sh")
    let findings = deadStatusChecks(script)
    #expect(findings.count == 1)
    #expect(findings.first?.check == at(8, 1))
    #expect(findings.first?.assignment == at(6, 1))
    #expect(findings.first?.setAt == at(2, 1))
    let describe = try #require(script.commands(named: "aws", "cloudformation", "describe-stacks").first)
    #expect(describe.location == at(6, 11))
    #expect(describe.context.isInCommandSubstitution)
    #expect(describe.value(ofFlag: "--stack-name")?.value.description == "orbit-dash-${1:-dev}")
    #expect(script.evaluate(Environment(arguments: ["prod"])).commands(named: "aws").first?.value(ofFlag: "--stack-name")?.literal == "orbit-dash-prod")
    #expect(describe.value(ofFlag: "--query")?.literal == "Stacks[0].Outputs[?OutputKey=='AlbDnsName'].OutputValue")
  }

  @Test func case20FixedHasNoDeadCheck() throws {
    let script = try loadCase("20-", "fixed/deploy.sh")
    #expect(deadStatusChecks(script).isEmpty)
    let describe = try #require(script.commands(named: "aws").first)
    #expect(describe.errexit.isEnabled)
    #expect(!describe.errexit.isEffective)
    #expect(describe.context.isInCondition && describe.context.isNegated)
    let echo = try #require(script.commands(named: "echo").last)
    #expect(echo.location.line == 12)
    #expect(echo.errexit.isEffective)
  }

  /// The rule of case 22: per env, the stack describe-stacks reads against the one sam deploys.
  @Test func case22StackNames() throws {
    let script = try loadCase("22-", "deploy.sh")
    for env in ["dev", "prod"] {
      let evaluation = script.evaluate(Environment(arguments: [env]))
      let deploy = try #require(evaluation.commands(named: "sam", "deploy").first)
      #expect(deploy.value(ofFlag: "--config-env")?.literal == env)
      #expect(deploy.value(ofFlag: "--stack-name") == nil)
      let describe = try #require(evaluation.commands(named: "aws", "cloudformation", "describe-stacks").first)
      #expect(describe.value(ofFlag: "--stack-name")?.literal == "orbit-dashboard-\(env)")
      #expect(describe.location == at(9, 11))
      #expect(describe.statementLocation == at(9, 11))
      #expect(describe.context.frames == [.commandSubstitution(at(9, 9))])
      #expect(deploy.order < describe.order)
      // Where the script builds its own name.
      let stackName = try #require(script.statements[2].assignments.first)
      #expect(stackName.name == "STACK_NAME" && stackName.location == at(5, 1))
      #expect(evaluation.value(of: try #require(stackName.value.words.first)).literal == "orbit-dashboard-\(env)")
    }
    // The URL is printed from the describe-stacks output.
    let echo = try #require(script.commands(named: "echo").first)
    #expect(echo.resolvedArguments.first?.symbols.first?.command?.hasPrefix("aws cloudformation describe-stacks") == true)
  }

  @Test func case22FixedUsesOneName() throws {
    let script = try loadCase("22-", "fixed/deploy.sh")
    for env in ["dev", "prod"] {
      let evaluation = script.evaluate(Environment(arguments: [env]))
      let deploy = try #require(evaluation.commands(named: "sam", "deploy").first)
      let describe = try #require(evaluation.commands(named: "aws", "cloudformation", "describe-stacks").first)
      #expect(deploy.value(ofFlag: "--stack-name")?.literal == "orbit-dash-\(env)")
      #expect(describe.value(ofFlag: "--stack-name")?.literal == "orbit-dash-\(env)")
    }
  }

  @Test func everyCaseScriptParses() throws {
    let root = casePath("")
    let folders = try #require(listDirectory(root)).sorted()
    var parsed = 0
    for folder in folders {
      for relative in ["deploy.sh", "fixed/deploy.sh"] {
        let path = root + folder + "/" + relative
        guard FileBytes.size(of: path) != nil else { continue }
        let source = try SourceText.read(path: path, displayName: relative)
        let script = try ShellScript.parse(source)
        #expect(!script.statements.isEmpty, "\(folder)/\(relative)")
        parsed += 1
      }
    }
    #expect(parsed >= 7)
  }
}

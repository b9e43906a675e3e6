import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct ResolutionTests {
  private let perEnv = """
    #!/usr/bin/env bash
    set -euo pipefail
    ENV="${1:-dev}"
    case "$ENV" in
      prod) ACCOUNT=111122223333; MIN=2 ;;
      dev|staging) ACCOUNT=444455556666 ;;
      *) echo "usage: $0 dev|prod" >&2; exit 1 ;;
    esac
    if [ "$ENV" = "prod" ]; then
      CONFIRM="--confirm-changeset"
    else
      CONFIRM="--no-confirm-changeset"
    fi
    STACK_NAME="orbit-dash-${ENV}"
    REPO="${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/orbit"
    sam deploy --config-env "$ENV" --stack-name "$STACK_NAME" $CONFIRM
    echo "${MIN:-1}"
    """

  @Test(arguments: [
    (["prod"], "prod", "orbit-dash-prod", "111122223333.dkr.ecr.us-east-1.amazonaws.com/orbit", "--confirm-changeset", "2"),
    (["dev"], "dev", "orbit-dash-dev", "444455556666.dkr.ecr.us-east-1.amazonaws.com/orbit", "--no-confirm-changeset", "1"),
    ([], "dev", "orbit-dash-dev", "444455556666.dkr.ecr.us-east-1.amazonaws.com/orbit", "--no-confirm-changeset", "1"),
  ])
  func perEnvironment(arguments: [String], env: String, stack: String, repo: String, confirm: String, min: String) throws {
    let script = try parse(perEnv)
    let evaluation = script.evaluate(Environment(arguments: arguments, unlistedVariablesAreUnset: true))
    let deploy = try #require(evaluation.commands(named: "sam", "deploy").first)
    #expect(deploy.value(ofFlag: "--config-env")?.literal == env)
    #expect(deploy.value(ofFlag: "--stack-name")?.literal == stack)
    #expect(deploy.resolvedArguments.last?.literal == confirm)
    #expect(evaluation.variable("REPO")?.literal == repo)
    #expect(evaluation.commands(named: "echo").last?.resolvedArguments.first?.literal == min)
    #expect(evaluation.exitLocation == nil)
    // Only the taken case item ran.
    #expect(evaluation.commands(named: "echo").count == 1)
  }

  @Test func unknownEnvironmentValueExitsOnCatchAll() throws {
    let script = try parse(perEnv)
    let evaluation = script.evaluate(Environment(arguments: ["qa"]))
    #expect(evaluation.commands(named: "sam").isEmpty)
    #expect(evaluation.exitLocation?.line == 7)
  }

  @Test func undecidedBranchesGiveAlternatives() throws {
    let script = try parse(perEnv)
    let unknown = script.execution
    let stack = try #require(unknown.commands(named: "sam").first?.value(ofFlag: "--stack-name")?.value)
    #expect(stack.description == "orbit-dash-${1:-dev}")
    let account = try #require(unknown.variable("ACCOUNT"))
    #expect(account.possibleValues()?.sorted() == ["111122223333", "444455556666"])
    let confirm = try #require(unknown.commands(named: "sam").first?.resolvedArguments.last)
    #expect(confirm.possibleValues() == ["--confirm-changeset", "--no-confirm-changeset"])
  }

  @Test func laterAssignmentsWin() throws {
    let script = try parse("A=1\nA=2\nB=\"$A-x\"\nA=3\necho $B $A")
    let echo = try #require(script.commands(named: "echo").first)
    #expect(echo.resolvedArguments.map(\.literal) == ["2-x", "3"])
  }

  @Test func branchWithoutElseKeepsBothValues() throws {
    let script = try parse("REGION=us-east-1\nif [ -n \"${AWS_REGION:-}\" ]; then REGION=$AWS_REGION; fi\necho $REGION")
    let unknown = try #require(script.commands(named: "echo").first?.resolvedArguments.first)
    guard case .alternatives(let options)? = unknown.symbols.first?.kind else {
      Issue.record("expected alternatives, got \(unknown)")
      return
    }
    #expect(options.map(\.description) == ["$AWS_REGION", "us-east-1"])
    let bound = script.evaluate(Environment(variables: ["AWS_REGION": "eu-west-1"]))
    #expect(bound.commands(named: "echo").first?.resolvedArguments.first?.literal == "eu-west-1")
    let unset = script.evaluate(Environment(unlistedVariablesAreUnset: true))
    #expect(unset.commands(named: "echo").first?.resolvedArguments.first?.literal == "us-east-1")
  }

  @Test func commandOutputStaysSymbolicWithItsCommand() throws {
    let script = try parse(
      "ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)\nSHA=`git rev-parse --short HEAD`\necho \"$ACCOUNT_ID.dkr.ecr\" ${SHA}")
    let echo = try #require(script.commands(named: "echo").first)
    let registry = echo.resolvedArguments[0]
    #expect(registry.isPartlyKnown)
    #expect(registry.symbols.first?.command == "aws sts get-caller-identity --query Account --output text")
    #expect(registry.symbols.first?.variable == "ACCOUNT_ID")
    #expect(registry.description == "$(aws sts get-caller-identity --query Account --output text).dkr.ecr")
    #expect(echo.resolvedArguments[1].symbols.first?.command == "git rev-parse --short HEAD")
    #expect(echo.resolvedArguments[1].symbols.first?.expression == "`git rev-parse --short HEAD`")
  }

  @Test func declarationBuiltinsAssign() throws {
    let script = try parse("readonly A=1\ndeclare -r B=\"$A$A\"\nexport C=3 D\nlocal E=5\necho $A $B $C $E")
    #expect(script.commands(named: "echo").first?.resolvedArguments.map(\.literal) == ["1", "11", "3", "5"])
  }

  @Test func functionsBindPositionalParametersAndLocals() throws {
    let script = try parse(
      """
      X=outer
      deploy_env() {
        local X="stack-$1"
        sam deploy --config-env "$1" --stack-name "$X"
      }
      deploy_env prod
      echo "$X $1"
      """)
    let evaluation = script.evaluate(Environment(arguments: ["dev"]))
    let deploy = try #require(evaluation.commands(named: "sam").first)
    #expect(deploy.value(ofFlag: "--config-env")?.literal == "prod")
    #expect(deploy.value(ofFlag: "--stack-name")?.literal == "stack-prod")
    #expect(deploy.functionName == "deploy_env")
    #expect(evaluation.commands(named: "echo").first?.resolvedArguments.first?.literal == "outer dev")
  }

  @Test func shiftAndSetDashDash() throws {
    let script = try parse("ENV=$1\nshift\necho \"$ENV\" \"$1\" \"$#\"\nset -- a b c\necho \"$2\" \"$@\"")
    let evaluation = script.evaluate(Environment(arguments: ["prod", "--dry-run"]))
    let echoes = evaluation.commands(named: "echo")
    #expect(echoes[0].resolvedArguments.map(\.literal) == ["prod", "--dry-run", "1"])
    #expect(echoes[1].resolvedArguments.map(\.literal) == ["b", "a b c"])
  }

  @Test func ifConditionsDecidedByBoundValues() throws {
    let source = """
      if [[ "$1" == prod* ]]; then SIZE=large
      elif [ "$1" != dev ]; then SIZE=medium
      else SIZE=small; fi
      [ -z "$2" ] && MODE=default || MODE="$2"
      echo "$SIZE" "$MODE"
      """
    let script = try parse(source)
    let cases: [([String], [String])] = [
      (["prod-eu"], ["large", "default"]), (["qa", "fast"], ["medium", "fast"]), (["dev"], ["small", "default"]),
    ]
    for (arguments, expected) in cases {
      let echo = try #require(script.evaluate(Environment(arguments: arguments)).commands(named: "echo").first)
      #expect(echo.resolvedArguments.map(\.literal) == expected.map(Optional.init), "\(arguments)")
    }
  }

  @Test func readMakesInputSymbols() throws {
    let script = try parse("read -r -p 'Env? ' ENV\necho \"$ENV\"")
    let value = try #require(script.commands(named: "echo").first?.resolvedArguments.first)
    #expect(value.symbols.first?.kind == .input)
  }

  @Test func subshellAndPipelineAssignmentsDoNotLeak() throws {
    let script = try parse("A=1\n(A=2)\necho x | read A\n{ A=3; }\necho $A")
    #expect(script.commands(named: "echo").last?.resolvedArguments.first?.literal == "3")
  }

  @Test func forLoopVariable() throws {
    let script = try parse("for tag in \"$SHA\" latest; do docker push \"repo:$tag\"; done")
    let push = try #require(script.commands(named: "docker").first)
    let value = try #require(push.resolvedArguments.last)
    #expect(value.knownPrefix == "repo:")
    guard case .alternatives(let options)? = value.symbols.first?.kind else {
      Issue.record("expected alternatives")
      return
    }
    #expect(options.map(\.description) == ["$SHA", "latest"])
    #expect(value.symbols.first?.variable == "tag")
    #expect(push.context.frames.contains { if case .loopBody = $0 { true } else { false } })
  }

  @Test func valueOfAnyWord() throws {
    let script = try parse("ENV=${1:-dev}\nSTACK=\"app-$ENV\"\nf() { echo \"$1\"; }\nf \"$STACK\"\nf other")
    let evaluation = script.evaluate(Environment(arguments: ["prod"]))
    let stackWord = try #require(script.statements[1].assignments.first?.value.words.first)
    #expect(evaluation.value(of: stackWord).literal == "app-prod")
    guard case .functionDefinition(let definition) = script.statements[2].kind,
      case .braceGroup(let body) = definition.body.kind, let echoWord = body.first?.simpleCommand?.arguments.first
    else {
      Issue.record("expected the function body")
      return
    }
    // Called twice with different arguments: the word's value is one of both.
    #expect(evaluation.value(of: echoWord).possibleValues() == ["app-prod", "other"])
  }
}

import Diagnostics
import Testing

@testable import ShellScriptModel

/// A complete deploy script in the style the requirements describe, and the questions
/// the rules for 11.1-11.7 and 2.3 ask of it.
@Suite struct DeployScriptTests {
  static let source = #"""
    #!/usr/bin/env bash
    # Deploy orbit-dash to ECS through SAM.
    set -Eeuo pipefail

    usage() { echo "usage: $0 <dev|prod>" >&2; exit 1; }
    log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
    die() { log "ERROR: $*" >&2; exit 1; }

    ENV="${1:-}"
    case "$ENV" in
      dev|prod) ;;
      *) usage ;;
    esac

    REGION="${AWS_REGION:-us-east-1}"
    APP=orbit-dash
    STACK_NAME="${APP}-${ENV}"

    check_prerequisites() {
      local tool
      for tool in aws docker sam git; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
      done
      docker info >/dev/null 2>&1 || die "the Docker daemon is not running"
      local sam_version
      sam_version="$(sam --version | awk '{print $NF}')"
      if [ "$(printf '%s\n' 1.100.0 "$sam_version" | sort -V | head -n1)" != "1.100.0" ]; then
        die "SAM CLI >= 1.100.0 required (found $sam_version)"
      fi
    }

    check_prerequisites

    ACCOUNT_ID="$(aws sts get-caller-identity --query Account --output text)"
    REGISTRY="${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com"
    REPO="${REGISTRY}/${APP}"
    GIT_SHA="$(git rev-parse --short HEAD)"

    log "building ${REPO}:${GIT_SHA}"
    docker build -t "${REPO}:${GIT_SHA}" -t "${REPO}:latest" .

    aws ecr get-login-password --region "$REGION" \
      | docker login --username AWS --password-stdin "$REGISTRY"
    docker push "${REPO}:${GIT_SHA}"
    docker push "${REPO}:latest"

    sam deploy \
      --config-env "$ENV" \
      --no-fail-on-empty-changeset \
      --parameter-overrides "EnvName=${ENV}" "ImageTag=${GIT_SHA}"

    output() {
      aws cloudformation describe-stacks --stack-name "$STACK_NAME" \
        --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
    }

    CLUSTER="$(output ClusterName)"
    SERVICE="$(output ServiceName)"
    deadline=$(( $(date +%s) + 900 ))
    until aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE" --region "$REGION"; do
      if (( $(date +%s) >= deadline )); then
        die "service did not stabilise within 15 minutes"
      fi
    done

    ALB_DNS="$(output AlbDnsName)"
    echo "Deployed ${APP} (${ENV}): http://${ALB_DNS}"
    """#

  private func run(_ env: String) throws -> Evaluation {
    try parse(Self.source).evaluate(Environment(arguments: [env]))
  }

  @Test func prerequisitesComeFirstAndFail() throws {
    let evaluation = try run("prod")
    let checks = evaluation.commands.filter { !$0.checkedCommandNames.isEmpty }
    #expect(checks.flatMap(\.checkedCommandNames) == ["aws", "docker", "sam", "git"])
    let check = try #require(checks.first)
    #expect(check.functionName == "check_prerequisites")
    // The failure path of the check calls `die`, which exits.
    let dieCall = try #require(evaluation.calls(to: "die").first)
    #expect(dieCall.context.frames.contains(.andOrList(position: 1, count: 2, operator: .or)))
    #expect(evaluation.commands(inFunction: "die").contains { $0.isCommand("exit") })
    // docker info and the sam version come before anything that changes the world.
    let info = try #require(evaluation.commands(named: "docker", "info").first)
    let version = try #require(evaluation.commands.first { $0.isCommand("sam") && $0.hasFlag("--version") })
    let firstBuild = try #require(evaluation.commands(named: "docker", "build").first)
    let firstAws = try #require(evaluation.commands(named: "aws").first)
    #expect(check.order < firstBuild.order && info.order < firstBuild.order && version.order < firstAws.order)
    #expect(version.context.isInCommandSubstitution)
    let sort = try #require(evaluation.commands(named: "sort").first)
    #expect(sort.hasFlag("-V"))
  }

  @Test func imageTaggedWithCommitAndLatest() throws {
    let evaluation = try run("dev")
    let build = try #require(evaluation.commands(named: "docker", "build").first)
    let tags = build.values(ofFlag: "-t", "--tag").map(\.value)
    #expect(tags.count == 2)
    #expect(tags[0].symbols.contains { $0.command == "git rev-parse --short HEAD" && $0.variable == "GIT_SHA" })
    #expect(tags[1].description.hasSuffix(".dkr.ecr.${AWS_REGION:-us-east-1}.amazonaws.com/orbit-dash:latest"))
    let region = Environment(arguments: ["dev"], variables: ["AWS_REGION": "eu-west-1"])
    let bound = try parse(Self.source).evaluate(region)
    let boundTag = try #require(bound.commands(named: "docker", "build").first?.values(ofFlag: "-t").last?.value)
    #expect(boundTag.description == "$(aws sts get-caller-identity --query Account --output text).dkr.ecr.eu-west-1.amazonaws.com/orbit-dash:latest")
  }

  @Test func loginThenPushBothTags() throws {
    let evaluation = try run("prod")
    let password = try #require(evaluation.commands(named: "aws", "ecr", "get-login-password").first)
    let login = try #require(evaluation.commands(named: "docker", "login").first)
    #expect(password.context.frames.last == .pipeline(position: 0, count: 2))
    #expect(login.context.frames.last == .pipeline(position: 1, count: 2))
    #expect(login.value(ofFlag: "--username")?.literal == "AWS")
    #expect(login.hasFlag("--password-stdin"))
    #expect(login.positionalArguments(optionsWithValues: ["--username", "-u"]).last?.value.knownPrefix == "")
    let pushes = evaluation.commands(named: "docker", "push")
    #expect(pushes.count == 2)
    #expect(pushes.allSatisfy { $0.order > login.order })
    #expect(pushes.map { $0.resolvedArguments.last?.description.hasSuffix(":latest") == true } == [false, true])
  }

  @Test func samDeployPerEnvironment() throws {
    for env in ["dev", "prod"] {
      let evaluation = try run(env)
      let deploy = try #require(evaluation.commands(named: "sam", "deploy").first)
      #expect(deploy.value(ofFlag: "--config-env")?.literal == env)
      #expect(deploy.hasFlag("--no-fail-on-empty-changeset"))
      let overrides = try #require(deploy.parameterOverrides)
      #expect(overrides.compactMap(\.key) == ["EnvName", "ImageTag"])
      #expect(overrides[0].value.literal == env)
      #expect(overrides[1].location.line == 50)
      let push = try #require(evaluation.commands(named: "docker", "push").last)
      #expect(push.order < deploy.order)
    }
  }

  @Test func waitHonoursADeadline() throws {
    let evaluation = try run("prod")
    let wait = try #require(evaluation.commands(named: "aws", "ecs", "wait", "services-stable").first)
    #expect(wait.context.frames.contains { if case .loopCondition(.until, _) = $0 { true } else { false } })
    #expect(!wait.errexit.isEffective)
    let deadline = try #require(evaluation.statements.first { $0.statement.assignments.first?.name == "deadline" })
    guard case .scalar(let word) = deadline.statement.assignments[0].value, case .arithmetic(let expression) = word.parts.first?.kind else {
      Issue.record("expected an arithmetic deadline")
      return
    }
    #expect(expression.contains("900"))
    let check = try #require(evaluation.commands(named: "((").first)
    #expect(check.context.frames.contains { if case .loopBody(.until, _) = $0 { true } else { false } })
    let deploy = try #require(evaluation.commands(named: "sam", "deploy").first)
    #expect(deploy.order < wait.order)
  }

  @Test func urlFromTheDeployedStack() throws {
    for env in ["dev", "prod"] {
      let evaluation = try run(env)
      let describes = evaluation.commands(named: "aws", "cloudformation", "describe-stacks")
      #expect(describes.count == 3)
      #expect(Set(describes.compactMap { $0.value(ofFlag: "--stack-name")?.literal }) == ["orbit-dash-\(env)"])
      #expect(describes.allSatisfy { $0.functionName == "output" })
      let last = try #require(describes.last)
      #expect(last.value(ofFlag: "--query")?.literal == "Stacks[0].Outputs[?OutputKey=='AlbDnsName'].OutputValue")
      let echo = try #require(evaluation.commands(named: "echo").last)
      let url = try #require(echo.resolvedArguments.first)
      #expect(url.knownPrefix == "Deployed orbit-dash (\(env)): http://")
      #expect(url.symbols.first?.variable == "ALB_DNS")
      #expect(url.symbols.first?.command == "output AlbDnsName")
      #expect(evaluation.calls(to: "output").last.map { $0.order < echo.order } == true)
    }
  }

  @Test func unknownEnvironmentStopsAtUsage() throws {
    let evaluation = try run("staging")
    #expect(evaluation.exitLocation?.line == 5)
    #expect(evaluation.commands(named: "sam", "deploy").isEmpty)
    #expect(try parse(Self.source).execution.commands(named: "sam", "deploy").count == 1)
  }
}

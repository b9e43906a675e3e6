import Diagnostics
import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// Whole-catalogue verdicts on copies of this repository whose deploy script (and
/// Dockerfile) are changed in ways an adversarial review found misread: the stage built
/// with `--target`, `--build-arg`s feeding ARG defaults, build options in an array, pushes
/// in a loop, misspelt stack-output keys, and dead `$?` checks under `set -e`.
@Suite struct DeployScriptVerdictTests {
  /// The status of requirement `id` per env (repository-scope rules give one "all" entry)
  /// after `edits`, over every rule that decides it.
  static func statuses(_ id: RequirementID, _ edits: RuleExample.Edit..., target: String? = nil) throws -> [String: Verdict.Status] {
    try statuses(id, edits, target: target)
  }

  /// `prepare` changes the copy further (a file no edit reaches) after the edits.
  static func statuses(
    _ id: RequirementID, _ edits: [RuleExample.Edit], target: String?, prepare: (Workspace) throws -> Void = { _ in }
  ) throws -> [String: Verdict.Status] {
    let workspace = try Workspace()
    defer { workspace.remove() }
    for edit in edits { try workspace.apply(edit) }
    try prepare(workspace)
    var options = ProjectOptions(root: workspace.directory.path)
    options.target = target
    let project = try Project.load(options)
    let results = RuleEngine.run(RuleCatalog.all.filter { $0.definition.requirements.contains(id) }, on: project)
    var statuses: [String: Verdict.Status] = [:]
    for result in results {
      let key = result.environment ?? "all"
      statuses[key] = max(statuses[key] ?? .notApplicable, result.verdict(for: id).status)
    }
    return statuses
  }

  static func worst(_ statuses: [String: Verdict.Status]) -> Verdict.Status { statuses.values.max() ?? .notApplicable }

  static let debugStage = RuleExample.Edit.edit(.dockerfile, "", "\nFROM runtime AS debug\nUSER root\n")
  static let targetRuntime = RuleExample.Edit.edit(.deployScript, "  -f docker/Dockerfile \\\n", "  -f docker/Dockerfile \\\n  --target runtime \\\n")

  @Test("A debug stage after runtime, built with --target runtime: the runtime stage is checked")
  func debugStageAfterTarget() throws {
    #expect(Self.worst(try Self.statuses("1.3", Self.debugStage, Self.targetRuntime)) == .pass)
    #expect(Self.worst(try Self.statuses("11.2", Self.debugStage, Self.targetRuntime)) == .pass)
    // Without --target the debug stage is what deploys.
    #expect(Self.worst(try Self.statuses("1.3", Self.debugStage)) == .fail)
  }

  @Test("--target chooses the checked stage; one the script does not build fails 11.2")
  func targetOption() throws {
    #expect(Self.worst(try Self.statuses("1.3", Self.debugStage, target: "runtime")) == .pass)
    #expect(Self.worst(try Self.statuses("11.2", Self.debugStage, target: "runtime")) == .fail)
    #expect(throws: InputError.self) { try Self.statuses("1.3", target: "nosuch") }
  }

  /// `docker push --all-tags` lists every reference tagged in its repository before it:
  /// 400 tags pushed 260 times would list more than 100,000, so 2.3 needs evidence; 200
  /// times list 80,400 and are read (the lists had grown quadratically: 20,000 tags
  /// pushed five times took 55 s).
  @Test(arguments: [(200, Verdict.Status.pass), (260, .needsEvidence)])
  func allTagsPushesAreListedUpToTheirBound(pushes: Int, expected: Verdict.Status) throws {
    let tags = (0..<400).map { "docker tag \"${REPOSITORY_URI}:${IMAGE_TAG}\" \"${REPOSITORY_URI}:t\($0)\"\n" }.joined()
    let line = "docker push \"${REPOSITORY_URI}:latest\" || die"
    let edit = RuleExample.Edit.edit(.deployScript, line, tags + String(repeating: "docker push -a \"${REPOSITORY_URI}\"\n", count: pushes) + line)
    #expect(Self.worst(try Self.statuses("2.3", edit)) == expected)
  }

  /// The directory a build runs in follows the first 1,000 `cd`s of the main shell (each
  /// is kept); after more, 11.2 needs evidence. (Each build had scanned every command
  /// before it: 40,000 builds took 36 s.)
  @Test(arguments: [(999, Verdict.Status.pass), (1_001, .needsEvidence)])
  func buildDirectoriesFollowTheirBoundOfMoves(moves: Int, expected: Verdict.Status) throws {
    let edit = RuleExample.Edit.edit(.deployScript, "\ndocker build \\\n", "\n" + String(repeating: "cd .\n", count: moves) + "docker build \\\n")
    #expect(Self.worst(try Self.statuses("11.2", edit)) == expected)
  }

  /// Relative WORKDIRs in the final stage move the start script `app.py`: 40 of 99
  /// characters leave it somewhere the build never copies it (1.1 fails); 41 pass Linux's
  /// PATH_MAX, so where it runs is unknown and 1.1 and 1.6 need evidence (182 names of
  /// 10,000 characters had made both pass).
  @Test(arguments: [(40, Verdict.Status.fail), (41, .needsEvidence)])
  func aWorkingDirectoryPastPathMaxLeavesTheStartScriptUndecided(workdirs: Int, expected: Verdict.Status) throws {
    let chain = String(repeating: "WORKDIR " + String(repeating: "d", count: 99) + "\n", count: workdirs)
    let edit = RuleExample.Edit.edit(.dockerfile, "\nUSER streamlit\n", "\n" + chain + "USER streamlit\n")
    #expect(Self.worst(try Self.statuses("1.1", edit)) == expected)
    if expected == .needsEvidence { #expect(Self.worst(try Self.statuses("1.6", edit)) == .needsEvidence) }
  }

  /// Without a port option or variable Streamlit reads `.streamlit/config.toml` in the working
  /// directory: behind 41 WORKDIRs of 99 characters (past PATH_MAX) that directory, and so
  /// the port, is unknown (it had been read as `/`, and 1.4 passed on Streamlit's default).
  @Test(arguments: [(40, Verdict.Status.pass), (41, .needsEvidence)])
  func aWorkingDirectoryPastPathMaxLeavesTheConfiguredPortUndecided(workdirs: Int, expected: Verdict.Status) throws {
    let chain = String(repeating: "WORKDIR " + String(repeating: "d", count: 99) + "\n", count: workdirs)
    let edit = RuleExample.Edit.edit(.dockerfile, "\nUSER streamlit\n", "\n" + chain + "USER streamlit\n")
    let noPortOption = RuleExample.Edit.edit(.dockerfile, ImagePortRule.startCommand, "CMD [\"streamlit\", \"run\", \"app.py\"]")
    let noPortVariable = RuleExample.Edit.edit(.dockerfile, "    STREAMLIT_SERVER_PORT=8501 \\\n", "")
    #expect(Self.worst(try Self.statuses("1.4", edit, noPortOption, noPortVariable)) == expected)
  }

  @Test("--build-arg APPUSER=root overrides ARG APPUSER=streamlit read by USER")
  func buildArgumentFeedsUser() throws {
    let arg = RuleExample.Edit.edit(.dockerfile, "USER streamlit", "ARG APPUSER=streamlit\nUSER $APPUSER")
    #expect(Self.worst(try Self.statuses("1.3", arg)) == .pass)
    let root = RuleExample.Edit.edit(.deployScript, "  --build-arg \"APP_VERSION=${IMAGE_TAG}\" \\\n", "  --build-arg \"APP_VERSION=${IMAGE_TAG}\" \\\n  --build-arg APPUSER=root \\\n")
    #expect(Self.worst(try Self.statuses("1.3", arg, root)) == .fail)
  }

  @Test("docker build options in an array expand as bash expands \"${BUILD_ARGS[@]}\"")
  func buildOptionsInArray() throws {
    let array = RuleExample.Edit.edit(
      .deployScript,
      "docker build \\\n  --platform linux/amd64 \\\n  --build-arg \"APP_VERSION=${IMAGE_TAG}\" \\\n  -f docker/Dockerfile \\\n  -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" \\\n  -t \"${REPOSITORY_URI}:latest\" \\\n  .\n",
      "BUILD_ARGS=(--platform linux/amd64 --build-arg \"APP_VERSION=${IMAGE_TAG}\" -f docker/Dockerfile -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" -t \"${REPOSITORY_URI}:latest\")\ndocker build \"${BUILD_ARGS[@]}\" .\n")
    for id: RequirementID in ["11.2", "11.3", "11.4", "2.3"] {
      #expect(Self.worst(try Self.statuses(id, array)) == .pass, "\(id)")
    }
  }

  static let pushes = "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" || die \"docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated\"\ndocker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n"

  @Test("Pushes in a for loop over the SHA and latest push both tags")
  func pushesInLoop() throws {
    let loop = RuleExample.Edit.edit(.deployScript, Self.pushes, "for tag in \"${IMAGE_TAG}\" latest; do\n  docker push \"${REPOSITORY_URI}:${tag}\" || die \"docker push of ${REPOSITORY_URI}:${tag} failed\"\ndone\n")
    #expect(Self.worst(try Self.statuses("11.4", loop)) == .pass)
    #expect(Self.worst(try Self.statuses("2.3", loop)) == .pass)
    let stable = RuleExample.Edit.edit(.deployScript, Self.pushes, "for tag in \"${IMAGE_TAG}\" stable; do\n  docker push \"${REPOSITORY_URI}:${tag}\" || die \"docker push of ${REPOSITORY_URI}:${tag} failed\"\ndone\n")
    #expect(Self.worst(try Self.statuses("11.4", stable)) == .fail)
  }

  @Test("A misspelt stack-output key fails the step that needs it")
  func misspeltOutputKeys() throws {
    let url = RuleExample.Edit.edit(.deployScript, "require_output DASHBOARD_URL DashboardUrl", "require_output DASHBOARD_URL DashboardURL")
    #expect(Self.worst(try Self.statuses("11.7", url)) == .fail)
    #expect(Self.worst(try Self.statuses("11.6", url)) == .pass)
    let cluster = RuleExample.Edit.edit(.deployScript, "require_output CLUSTER_NAME ClusterName", "require_output CLUSTER_NAME Cluster")
    #expect(Self.worst(try Self.statuses("11.6", cluster)) == .fail)
  }

  @Test("test $? after a command set -e ends the script on is dead")
  func deadStatusCheckAfterCommand() throws {
    let dead = RuleExample.Edit.edit(
      .deployScript,
      "if ! ACCOUNT_ID=\"$(aws sts get-caller-identity --query Account --output text)\"; then\n  die \"cannot get the AWS account ID (aws sts get-caller-identity failed); check your AWS credentials\"\nfi",
      "aws sts get-caller-identity --query Account --output text >/tmp/acct\ntest $? -eq 0 || die \"cannot get the AWS account ID\"\nACCOUNT_ID=\"$(cat /tmp/acct)\"")
    #expect(Self.worst(try Self.statuses("11.6", dead)) == .fail)
  }
}

extension DeployScriptVerdictTests {
  /// The input error evaluating 11.5 with `functions` inserted before the prerequisites
  /// step throws; nil (and a recorded issue) when it evaluates.
  static func readerLimitError(inserting functions: String) throws -> InputError? {
    let edit = RuleExample.Edit.edit(.deployScript, "# --- 1. Prerequisites", functions + "# --- 1. Prerequisites")
    do {
      _ = try statuses("11.5", edit)
      Issue.record("expected an input error")
      return nil
    } catch let error as InputError {
      return error
    }
  }

  @Test("Fan-out functions beyond the reader's limit are an input error at the call, not false failures")
  func fanOutBeyondLimit() throws {
    let functions = (0..<10).map { "g\($0)() { g\($0 + 1); g\($0 + 1); g\($0 + 1); }\n" }.joined() + "g10() { true; }\ng0\n"
    let error = try #require(try Self.readerLimitError(inserting: functions))
    #expect(error.message.contains("reader limit"))
    #expect(error.location?.file == "deploy.sh")
  }

  /// The message names the script the run reads (`--deploy-script`), not `deploy.sh`.
  @Test func theReaderLimitNamesTheScriptRead() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let functions = (0..<10).map { "g\($0)() { g\($0 + 1); g\($0 + 1); g\($0 + 1); }\n" }.joined() + "g10() { true; }\ng0\n"
    let script = try String(contentsOf: workspace.directory.appendingPathComponent("deploy.sh"), encoding: .utf8)
    try FileManager.default.createDirectory(at: workspace.directory.appendingPathComponent("scripts"), withIntermediateDirectories: true)
    try (functions + script).write(to: workspace.directory.appendingPathComponent("scripts/release.sh"), atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: workspace.directory.appendingPathComponent("deploy.sh"))
    var options = ProjectOptions(root: workspace.directory.path)
    options.deployScript = "scripts/release.sh"
    let error = try #require(throws: InputError.self) { try Project.load(options) }
    #expect(error.message.hasPrefix("scripts/release.sh is beyond"), "\(error)")
  }

  /// A function of 100,000 words called 1,000 times (a 218 KB script that once took 46 s
  /// and 5.4 GiB, then aborted) is cut at the fifth call by the walk's word budget.
  @Test("A wide function called past the walk's word budget is an input error at the call")
  func wideFunctionBeyondWordBudget() throws {
    let function = "f() {\n  echo" + String(repeating: " a", count: 99_999) + "\n}\n" + String(repeating: "f\n", count: 1_000)
    let error = try #require(try Self.readerLimitError(inserting: function))
    #expect(error.message.contains("400,000 words"))
    #expect(error.location?.file == "deploy.sh")
    #expect(error.location?.column == 1)
  }
  /// 10.2 in an env where the deploy script stops before `sam deploy`: the overrides it
  /// would pass never are, and the row says the script stops (not that a parameter has
  /// no value, which fixing the template would not cure).
  @Test func parametersRowNamesTheStopBeforeSamDeploy() throws {
    let marker = "# --- 2. Build (before touching AWS resources)"
    let announce = "announce() {\n  [ \"$ENV\" = \"prod\" ] && echo \"deploying to production\"\n}\nannounce\n\n"
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.deployScript, marker, announce + marker))
    let project = try workspace.load()
    let results = RuleEngine.run(RuleCatalog.all.filter { $0.definition.id == "template-parameters" }, on: project)
    let dev = try #require(results.first { $0.environment == "dev" }).verdict
    #expect(dev.status == .fail)
    #expect(dev.findings.contains { $0.message.contains("deploy.sh stops at deploy.sh:") && $0.message.contains("before it runs sam deploy") }, "\(dev.findings.map(\.message))")
    #expect(!dev.findings.contains { $0.message.contains("has no value") }, "\(dev.findings.map(\.message))")
    #expect(try #require(results.first { $0.environment == "prod" }).verdict.status == .pass)
  }
}

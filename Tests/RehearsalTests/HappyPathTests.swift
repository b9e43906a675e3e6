import Foundation
import Testing

/// `deploy.sh dev` and `deploy.sh prod` run for real among the stand-ins; the recorded
/// calls show the order and arguments issue 9 asks for (11.1-11.7, 2.3), in a first deploy
/// (empty account), an update of a deployed env, and a re-run of the same commit.
@Suite struct HappyPathTests {
  static let environments = ["dev", "prod"]

  @Test("the recorded sequence of an update", arguments: environments)
  func update(_ environment: String) throws {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    let settings = try #require(try DeploySettings.load(root: sandbox.original)[environment])
    let world = try sandbox.emptyWorld("world")
    let seed = try sandbox.run(environment, in: world, RunOptions(commit: Rehearsal.previousCommit, script: .original))
    try #require(seed.succeeded, "\(seed.transcript)")
    let run = try sandbox.run(environment, in: world, RunOptions(commit: Rehearsal.updateCommit))
    try #require(run.succeeded, "\(run.transcript)")
    let calls = run.calls
    let tag = run.imageTag
    let registry = run.world.registry(settings.region)
    let repository = "\(registry)/\(settings.repositoryName)"

    // 11.1: the three probes come first (command -v is a builtin: missing tools are FailurePathTests').
    #expect(calls.prefix(3).map { $0.arguments.first ?? "" } == ["info", "--version", "rev-parse"])
    #expect(calls.prefix(3).allSatisfy { $0.isPrerequisiteProbe }, "\(run.transcript)")
    // 11.2, 11.3, 2.3: one build, tagged <sha> and latest.
    let build = try #require(calls.first { $0.is("docker", "build") })
    #expect(build.values(of: "-t") == ["\(repository):\(tag)", "\(repository):latest"])
    #expect(run.world.localImages["\(repository):\(tag)"] == run.world.localImages["\(repository):latest"])
    // 11.4: token for the region, login to the env's registry, then both pushes, in that order.
    let token = try #require(run.firstIndex { $0.is("aws", "ecr", "get-login-password") })
    let login = try #require(run.firstIndex { $0.is("docker", "login") })
    let pushes = calls.indices.filter { calls[$0].is("docker", "push") }
    #expect(calls[token].value(of: "--region") == settings.region)
    #expect(calls[login].arguments == ["login", "--username", "AWS", "--password-stdin", registry])
    #expect(pushes.map { calls[$0].arguments[1] } == ["\(repository):\(tag)", "\(repository):latest"])
    #expect(token < login && login < (pushes.first ?? 0))
    let tags = run.world.tags(settings.region, settings.repositoryName)
    #expect(tags[tag] != nil && tags[tag] == tags["latest"], "\(tags)")
    // 11.5: sam deploy after the pushes, for the env's config env, ImageTag=<sha>, every parameter sent.
    let deployIndex = try #require(run.mainSamDeployIndex)
    #expect(deployIndex > (pushes.last ?? .max))
    let deploy = calls[deployIndex]
    #expect(deploy.value(of: "--config-env") == environment)
    #expect(deploy.value(of: "--stack-name") == settings.stackName && deploy.value(of: "--region") == settings.region)
    let record = try #require(run.samDeploys.last)
    #expect(record.outcome == "deployed" && record.stack == settings.stackName && record.region == settings.region)
    #expect(record.parameter("ImageTag")?.value == tag && record.parameter("ImageTag")?.source == "override")
    #expect(record.parameters.allSatisfy { $0.source == "override" }, "\(record.parameters)")
    #expect(run.world.stack(settings.region, settings.stackName)?.parameters["ImageTag"] == tag)
    // 11.6: describe-services polls every 15 s after the deploy until the service is stable.
    let checks = calls[deployIndex...].filter(\.isStabilityCheck)
    #expect(checks.count >= 2, "the default stand-in service needs 30 s: \(run.transcript)")
    #expect(calls.filter { $0.tool == "sleep" }.allSatisfy { $0.arguments == ["15"] })
    let service = try #require(run.world.services.values.first { $0.image == "\(repository):\(tag)" })
    #expect((checks.last?.clock ?? 0) >= service.deployedAt + 30)
    // 11.7: the URL and the ALB DNS name printed are the outputs of samconfig's stack.
    let outputs = try #require(run.world.stack(settings.region, settings.stackName)?.outputs)
    let dnsName = try #require(outputs["LoadBalancerDnsName"])
    let url = try #require(outputs["DashboardUrl"])
    #expect(run.standardOutput.contains("Dashboard URL:  \(url)") && run.standardOutput.contains("ALB DNS name:   \(dnsName)"))
    let outputReads = calls.filter { $0.is("aws", "cloudformation", "describe-stacks") && $0.value(of: "--query")?.contains("OutputKey") == true }
    #expect(!outputReads.isEmpty && outputReads.allSatisfy { $0.value(of: "--stack-name") == settings.stackName })
    #expect(run.leftoverTemporaryFiles.isEmpty)
    if environment == "prod" {
      #expect(run.standardOutput.contains("Deploy this changeset? [y/N]"), "prod confirms its change set")
    }
  }

  @Test("a first deploy bootstraps the stack, then deploys the service", arguments: environments)
  func firstDeploy(_ environment: String) throws {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    let settings = try #require(try DeploySettings.load(root: sandbox.original)[environment])
    let run = try sandbox.run(environment, in: try sandbox.emptyWorld("world"), RunOptions(commit: Rehearsal.updateCommit))
    try #require(run.succeeded, "\(run.transcript)")
    #expect(run.samDeploys.map { $0.parameter("DeployService")?.value } == ["false", "true"])
    let bootstrap = try #require(run.firstIndex { $0.is("sam", "deploy") })
    let firstPush = try #require(run.firstIndex { $0.is("docker", "push") })
    #expect(bootstrap < firstPush, "the repository exists before the push")
    #expect(run.world.stack(settings.region, settings.stackName)?.status == "UPDATE_COMPLETE")
  }

  /// Idempotency: the same commit again, on the state the first run left, succeeds with no
  /// manual step; the pushes find the layers, sam deploy finds no change, nothing is redeployed.
  @Test("a second run with the same commit succeeds and changes nothing", arguments: environments)
  func rerun(_ environment: String) throws {
    let sandbox = try RehearsalSandbox()
    defer { sandbox.remove() }
    let settings = try #require(try DeploySettings.load(root: sandbox.original)[environment])
    let world = try sandbox.emptyWorld("world")
    let first = try sandbox.run(environment, in: world, RunOptions(commit: Rehearsal.updateCommit))
    try #require(first.succeeded, "\(first.transcript)")
    let second = try sandbox.run(environment, in: world, RunOptions(commit: Rehearsal.updateCommit))
    #expect(second.succeeded, "\(second.transcript)")
    #expect(second.samDeploys.map(\.outcome) == ["no-changes"])
    #expect(second.standardOutput.contains("Layer already exists"))
    #expect(second.world.tags(settings.region, settings.repositoryName) == first.world.tags(settings.region, settings.repositoryName))
    #expect(second.world.stack(settings.region, settings.stackName)?.parameters == first.world.stack(settings.region, settings.stackName)?.parameters)
    #expect(second.world.services.mapValues(\.deployedAt) == first.world.services.mapValues(\.deployedAt))
  }
}

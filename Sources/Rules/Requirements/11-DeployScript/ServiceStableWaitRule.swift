import Diagnostics
import ShellScriptModel

/// 11.6: after deploying, the script waits for the ECS service to be stable for up to the
/// required time, and fails when it does not stabilise.
struct ServiceStableWaitRule: Rule {
  static let definition = RuleDefinition(
    id: "wait-services-stable",
    requirements: ["11.6"],
    title: "Script waits for a stable service, honouring the time limit",
    rationale: "`sam deploy` returns when CloudFormation is done, not when new tasks are healthy. `aws ecs wait services-stable` polls every 15 s and gives up after 40 attempts (10 minutes), so a 15-minute limit needs a loop with its own deadline (on the waiter or on describe-services), and a non-zero exit when it passes.",
    scope: .perEnvironment, artifacts: [.deployScript],
    sources: ["https://awscli.amazonaws.com/v2/documentation/api/latest/reference/ecs/wait/services-stable.html"],
    examples: [
      .compliant(),
      .change("exit shadowed by a function that does not exit", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nexit() { :; }\n"), expect: .needsEvidence),
      .change("aws aliased to true", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nshopt -s expand_aliases\nalias aws=true\n"), expect: .needsEvidence),
      .change("deadline of 10 minutes", .edit(.deployScript, "readonly STABLE_TIMEOUT_SECONDS=900 # 15 minutes", "readonly STABLE_TIMEOUT_SECONDS=600")),
      .change("a single services-stable waiter (10 minutes)", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "aws ecs wait services-stable --cluster \"$CLUSTER_NAME\" --services \"$SERVICE_NAME\" --region \"$REGION\"\n")),
      .change("a misspelt output key for the cluster", .edit(.deployScript, "require_output CLUSTER_NAME ClusterName", "require_output CLUSTER_NAME Cluster"), alsoFails: ["11.7"]),
      .change("no wait at all", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "")),
      .change("no deadline check in the loop", .edit(.deployScript, "    if ((SECONDS >= deadline)); then\n      die \"ECS service ${service} did not become stable within $((STABLE_TIMEOUT_SECONDS / 60)) minutes (${running}/${desired} tasks running, ${deployments} deployments, rollout ${rollout}); see RUNBOOK.md\"\n    fi\n", "")),
      .change("the wait runs in the background", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" &\n")),
      .change("the background wait is waited for", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" &\nwait \"$!\"\n"), expect: .pass),
      .change("`|| true` on a wait that exits through die (exit ends the script anyway)", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" || true\n"), expect: .pass),
      .change("the deadline returns 1 and `|| true` ignores it", .edit(.deployScript, "      die \"ECS service ${service} did not become stable within $((STABLE_TIMEOUT_SECONDS / 60)) minutes (${running}/${desired} tasks running, ${deployments} deployments, rollout ${rollout}); see RUNBOOK.md\"\n", "      return 1\n"), .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" || :\n")),
      .change("the deadline returns 1 under set +e", .edit(.deployScript, "      die \"ECS service ${service} did not become stable within $((STABLE_TIMEOUT_SECONDS / 60)) minutes (${running}/${desired} tasks running, ${deployments} deployments, rollout ${rollout}); see RUNBOOK.md\"\n", "      return 1\n"), .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "set +e\nwait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\nset -e\n")),
      .change("the deadline returns 1 and the caller dies", .edit(.deployScript, "      die \"ECS service ${service} did not become stable within $((STABLE_TIMEOUT_SECONDS / 60)) minutes (${running}/${desired} tasks running, ${deployments} deployments, rollout ${rollout}); see RUNBOOK.md\"\n", "      return 1\n"), .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" || die \"the service did not become stable\"\n"), expect: .pass),
    ])

  /// The AWS CLI waiter's own limit: 40 attempts, 15 s apart.
  static let waiterLimitSeconds = 600.0

  func evaluate(_ context: RuleContext) -> Verdict {
    CommandShadowingLimit.limit(unlimitedVerdict(context), relyingOnCommandsNamed: ["aws", "sam", "date", "sleep", "exit"], in: context)
  }

  /// The verdict as the script reads, before `CommandShadowingLimit`.
  private func unlimitedVerdict(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    guard let limitValue = context.value("stable-timeout"), let limit = limitValue.number else { return .missingValue("stable-timeout", of: "11.6") }
    let evaluation = run.evaluation
    let deploy = run.mainSamDeploy
    let waits = evaluation.commands.filter { $0.isCommand("aws") && $0.isSubcommand("ecs", "wait", "services-stable") }
    let polls = evaluation.commands.filter { $0.isCommand("aws") && $0.isSubcommand("ecs", "describe-services") && WaitLoop(around: $0, in: evaluation) != nil }
    let candidates = (waits + polls).filter { deploy == nil || $0.order > deploy!.order }.sorted { $0.order < $1.order }
    guard let wait = candidates.first else {
      let missing = "after `sam deploy` the script never waits for the service (aws ecs wait services-stable, or a describe-services loop); \(limitValue.cited) requires waiting up to \(limitValue.written)"
      return .fail(context.scriptStop(before: "it waits for the service") ?? .error(missing, at: deploy?.location ?? context.scriptStart))
    }
    // The cluster and service names the wait uses come from the stack outputs: a key the
    // template lacks gives no name, and the wait never sees the service.
    let undefined = StackOutputKeys.undefined(in: context, before: wait.order)
    if !undefined.isEmpty { return Verdict(findings: undefined, passNote: "") }
    guard let loop = WaitLoop(around: wait, in: evaluation) else {
      // A lone waiter stops after 10 minutes, whatever wraps it.
      if Self.waiterLimitSeconds < limit {
        return .fail(.error("a single `aws ecs wait services-stable` gives up after \(Int(Self.waiterLimitSeconds / 60)) minutes (40 × 15 s); \(limitValue.cited) requires waiting up to \(limitValue.written): loop with a deadline", at: wait.location))
      }
      return stops(evaluation.outcome(ofFailure: wait), what: "when `aws ecs wait services-stable` fails", at: wait, evidence: [wait.location], passNote: "aws ecs wait services-stable (10 minutes) covers \(limitValue.written) and its failure stops the script")
    }
    let giveUps = loop.giveUps
    guard !giveUps.isEmpty else {
      return .fail(.error("the service wait loop at line \(loop.location.line) never gives up: no `exit` or `return 1` in it (or right after it) depends on the time elapsed (SECONDS, EPOCHSECONDS, `date +%s`), so a service that never stabilises keeps the script waiting forever; \(limitValue.cited) requires failing after \(limitValue.written)", at: wait.location))
    }
    let limits = giveUps.compactMap(\.test.limit)
    guard !limits.isEmpty else {
      return .needsEvidence("the service wait loop at line \(loop.location.line) gives up on a time comparison whose deadline is only known at run time", evidence: giveUps.map(\.test.command.location))
    }
    guard let giveUp = giveUps.first(where: { $0.test.limit.map { abs($0 - limit) < 1 } ?? false }) else {
      return .fail(.error("the service wait loop gives up after \(limits.map { "\(Int($0)) s" }.joined(separator: " or ")); \(limitValue.cited) requires \(Int(limit)) s", at: giveUps[0].test.command.location, related: [.init("the service check", at: wait.location)]))
    }
    let outcome: FailureOutcome
    if giveUp.failure.isCommand("exit") {
      outcome = evaluation.outcome(ofExit: giveUp.failure)
    } else if giveUp.failure.isCommand("return") {
      outcome = evaluation.outcome(ofReturn: giveUp.failure)
    } else {
      outcome = evaluation.outcome(ofFailure: giveUp.failure)
    }
    return stops(
      outcome, what: "when the \(Int(limit)) s deadline passes (line \(giveUp.test.command.location.line))", at: giveUp.failure,
      evidence: [giveUp.test.command.location, giveUp.failure.location], passNote: "waits for services-stable up to \(Int(limit)) s and fails the script after that")
  }

  /// The verdict for what a failure of the wait does: it must stop the script.
  private func stops(_ outcome: FailureOutcome, what: String, at failure: CommandInvocation, evidence: [SourceLocation], passNote: String) -> Verdict {
    switch outcome {
    case .stops(let at):
      return .pass(passNote, evidence: evidence + [at].filter { !evidence.contains($0) })
    case .goesOn(let reason, let at):
      return .fail(.error("\(what), the script does not stop: \(reason); it goes on as if the service were stable", at: at, related: [.init("the failure of the wait", at: failure.location)]))
    case .unknown(let reason):
      return .needsEvidence("\(what), whether the script stops cannot be read statically: \(reason)", evidence: [failure.location])
    }
  }
}

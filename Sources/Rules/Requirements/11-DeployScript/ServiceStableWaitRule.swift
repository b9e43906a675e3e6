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
      .change("deadline of 10 minutes", .edit(.deployScript, "readonly STABLE_TIMEOUT_SECONDS=900 # 15 minutes", "readonly STABLE_TIMEOUT_SECONDS=600")),
      .change("a single services-stable waiter (10 minutes)", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "aws ecs wait services-stable --cluster \"$CLUSTER_NAME\" --services \"$SERVICE_NAME\" --region \"$REGION\"\n")),
      .change("no wait at all", .edit(.deployScript, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "")),
    ])

  /// The AWS CLI waiter's own limit: 40 attempts, 15 s apart.
  static let waiterLimitSeconds = 600.0

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .notApplicable("no deploy script") }
    guard let limitValue = context.value("stable-timeout"), let limit = limitValue.number else { return .missingValue("stable-timeout", of: "11.6") }
    let commands = run.evaluation.commands
    let deploy = run.mainSamDeploy
    let waits = commands.filter { $0.isCommand("aws") && $0.isSubcommand("ecs", "wait", "services-stable") }
    let polls = commands.filter { $0.isCommand("aws") && $0.isSubcommand("ecs", "describe-services") && $0.context.contains { if case .loopBody = $0 { true } else { false } } }
    let candidates = (waits + polls).filter { deploy == nil || $0.order > deploy!.order }
    guard let wait = candidates.first else {
      return .fail(.error("after `sam deploy` the script never waits for the service (aws ecs wait services-stable, or a describe-services loop); \(limitValue.cited) requires waiting up to \(limitValue.written)", at: deploy?.location ?? context.scriptStart))
    }
    let inLoop = wait.context.contains { if case .loopBody = $0 { true } else { false } }
    let deadlines = Self.deadlines(in: run.evaluation, around: wait)
    if !inLoop {
      // A lone waiter stops after 10 minutes, whatever wraps it.
      if Self.waiterLimitSeconds < limit {
        return .fail(.error("a single `aws ecs wait services-stable` gives up after \(Int(Self.waiterLimitSeconds / 60)) minutes (40 × 15 s); \(limitValue.cited) requires waiting up to \(limitValue.written): loop with a deadline", at: wait.location))
      }
      return .pass("aws ecs wait services-stable (10 minutes) covers \(limitValue.written)", evidence: [wait.location])
    }
    guard !deadlines.isEmpty else {
      return .needsEvidence("the script polls the service in a loop, but its deadline cannot be read statically")
    }
    guard deadlines.contains(where: { abs($0 - limit) < 1 }) else {
      return .fail(.error("the service wait loop's deadline is \(deadlines.map { "\(Int($0)) s" }.joined(separator: " or ")); \(limitValue.cited) requires \(Int(limit)) s", at: wait.location))
    }
    let exits = commands.contains { command in
      command.order > wait.order && (command.isCommand("exit") || command.isCommand("die") || command.calledFunction != nil && command.calledFunction == "die")
    }
    guard exits else {
      return .fail(.error("the service wait loop never exits non-zero when the deadline passes", at: wait.location))
    }
    return .pass("waits for services-stable up to \(Int(limit)) s and fails after that", evidence: [wait.location])
  }

  /// Numbers of seconds the script's variables hold that the wait's surroundings use as a
  /// deadline: variables named like a timeout or deadline, in seconds or minutes.
  static func deadlines(in evaluation: Evaluation, around wait: CommandInvocation) -> [Double] {
    var values: [Double] = []
    for (name, value) in evaluation.variables {
      let upper = name.uppercased()
      guard upper.contains("TIMEOUT") || upper.contains("DEADLINE") || upper.contains("MAX_WAIT") || upper.contains("WAIT_SECONDS"),
        let text = value.literal, let number = Double(text)
      else { continue }
      values.append(upper.contains("MIN") ? number * 60 : number)
    }
    for wrapper in [wait.wrapper(named: "timeout")].compactMap({ $0 }) {
      if let first = wrapper.arguments.first?.literal, let number = Double(first.filter { $0.isNumber }) {
        values.append(first.hasSuffix("m") ? number * 60 : number)
      }
    }
    return values
  }
}

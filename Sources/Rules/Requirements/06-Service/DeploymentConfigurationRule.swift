import TemplateModel

/// 6.3, 6.4, 6.5: rolling deploys keep 100 % healthy, go up to 200 %, and the circuit
/// breaker rolls back a failed deploy. A service deployed another way (the CODE_DEPLOY or
/// EXTERNAL controller, or the ECS controller's BLUE_GREEN, LINEAR or CANARY strategy)
/// fails: it does not roll.
struct DeploymentConfigurationRule: Rule {
  static let definition = RuleDefinition(
    id: "service-deployment-configuration",
    requirements: ["6.3", "6.4", "6.5"],
    title: "Rolling deploys keep capacity and roll back on failure",
    rationale: "MinimumHealthyPercent 100 and MaximumPercent 200 start new tasks before old ones stop; the deployment circuit breaker with Rollback returns to the last working task definition when new tasks keep failing. ECS defaults are 100/200 for replica services but the circuit breaker is off by default.",
    scope: .perEnvironment, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html",
      "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html",
      "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html",
    ],
    examples: [
      .compliant(),
      .change("minimum healthy 50 %", .edit(.template, "MinimumHealthyPercent: 100", "MinimumHealthyPercent: 50")),
      .change("maximum 150 %", .edit(.template, "MaximumPercent: 200", "MaximumPercent: 150")),
      .change("no rollback", .edit(.template, "          Rollback: true", "          Rollback: false")),
      .change("blue/green through CodeDeploy", .edit(.template, "      AvailabilityZoneRebalancing: ENABLED\n", "      AvailabilityZoneRebalancing: ENABLED\n      DeploymentController:\n        Type: CODE_DEPLOY\n")),
      .change("an external deployment controller", .edit(.template, "      AvailabilityZoneRebalancing: ENABLED\n", "      AvailabilityZoneRebalancing: ENABLED\n      DeploymentController: {Type: EXTERNAL}\n")),
      .change("ECS blue/green deployments", .edit(.template, "        MinimumHealthyPercent: 100\n", "        MinimumHealthyPercent: 100\n        Strategy: BLUE_GREEN\n        BakeTimeInMinutes: 5\n")),
      .change("canary deployments", .edit(.template, "        MinimumHealthyPercent: 100\n", "        MinimumHealthyPercent: 100\n        Strategy: CANARY\n")),
      .change("a strategy known only at deploy", .edit(.template, "        MinimumHealthyPercent: 100\n", "        MinimumHealthyPercent: 100\n        Strategy: !ImportValue DeployStrategy\n"), expect: .needsEvidence),
      .change("the rolling strategy named explicitly", .edit(.template, "        MinimumHealthyPercent: 100\n", "        MinimumHealthyPercent: 100\n        Strategy: ROLLING\n"), expect: .pass),
      .change("the ECS controller named explicitly", .edit(.template, "      AvailabilityZoneRebalancing: ENABLED\n", "      AvailabilityZoneRebalancing: ENABLED\n      DeploymentController:\n        Type: ECS\n"), expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let minimum = context.value("minimum-healthy-percent", of: "6.3"), let maximum = context.value("maximum-percent", of: "6.4") else {
      return .missingValue("minimum-healthy-percent/maximum-percent", of: "6.3")
    }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its deployment configuration") }
    var findings: [Finding] = []
    var unknown: [String] = []
    for service in template.services {
      let configuration = service["DeploymentConfiguration"]
      let at = configuration?.location ?? service.propertiesLocation
      let path = "Resources/\(service.logicalID)/Properties/DeploymentConfiguration"
      // MinimumHealthyPercent, MaximumPercent and the circuit breaker govern only the rolling
      // update of the ECS deployment controller (the default); with CODE_DEPLOY or EXTERNAL
      // a Fargate service does not use the percentages and cannot use the circuit breaker
      // (API_DeploymentConfiguration, API_DeploymentCircuitBreaker).
      if let controller = service["DeploymentController"]?["Type"] {
        guard let type = controller.string else {
          unknown.append("\(service.logicalID)'s DeploymentController Type \(controller.display) is not known before deploy; the percentages and the circuit breaker apply only to the ECS (rolling update) controller")
          continue
        }
        if type != "ECS" {
          findings.append(.error("\(service.logicalID) uses the \(type) deployment controller: ECS does not run its rolling update, so MinimumHealthyPercent, MaximumPercent and the deployment circuit breaker (ECS controller only) do not govern its deploys", at: controller.location, path: "Resources/\(service.logicalID)/Properties/DeploymentController/Type"))
          continue
        }
      }
      // The ECS controller's strategies other than ROLLING (the default) replace the whole
      // service revision (BLUE_GREEN) or shift traffic in steps (LINEAR, CANARY): the
      // percentages and the circuit breaker belong to the rolling update only
      // (API_DeploymentConfiguration: "The deployment circuit breaker can only be used for
      // services using the rolling update (ECS) deployment type").
      if let strategy = configuration?["Strategy"] {
        guard let name = strategy.string else {
          unknown.append("\(service.logicalID)'s deployment Strategy \(strategy.display) is not known before deploy; the percentages and the circuit breaker apply only to the ROLLING strategy")
          continue
        }
        if name != "ROLLING" {
          findings.append(.error("\(service.logicalID) deploys with the \(name) strategy, not a rolling update: MinimumHealthyPercent, MaximumPercent and the deployment circuit breaker (rolling update only) do not govern its deploys", at: strategy.location, path: path + "/Strategy"))
          continue
        }
      }
      // ECS defaults for a replica service: 100 and 200 (AWS::ECS::Service DeploymentConfiguration).
      let low = configuration?["MinimumHealthyPercent"]
      if (low?.int ?? 100) != minimum.integer {
        var finding = Finding.error("\(service.logicalID) has MinimumHealthyPercent \(low?.display ?? "100 (default)"); \(minimum.cited) requires \(minimum.written)", at: low?.location ?? at, path: path + "/MinimumHealthyPercent")
        finding.onlyRequirements = ["6.3"]
        findings.append(finding)
      }
      let high = configuration?["MaximumPercent"]
      if (high?.int ?? 200) != maximum.integer {
        var finding = Finding.error("\(service.logicalID) has MaximumPercent \(high?.display ?? "200 (default)"); \(maximum.cited) requires \(maximum.written)", at: high?.location ?? at, path: path + "/MaximumPercent")
        finding.onlyRequirements = ["6.4"]
        findings.append(finding)
      }
      let breaker = configuration?["DeploymentCircuitBreaker"]
      if breaker?["Enable"]?.bool != true || breaker?["Rollback"]?.bool != true {
        var finding = Finding.error("\(service.logicalID)'s deployment circuit breaker is \(breaker.map { "Enable \($0["Enable"]?.display ?? "unset"), Rollback \($0["Rollback"]?.display ?? "unset")" } ?? "not configured (off)"); a failed deploy must roll back", at: breaker?.location ?? at, path: path + "/DeploymentCircuitBreaker")
        finding.onlyRequirements = ["6.5"]
        findings.append(finding)
      }
    }
    if findings.isEmpty, !unknown.isEmpty { return .needsEvidence(unknown.joined(separator: "; ")) }
    return Verdict(findings: findings, passNote: "minimum healthy \(minimum.written), maximum \(maximum.written), circuit breaker with rollback")
  }
}

import TemplateModel

/// 3.2 and 12.2: tasks above the base prefer FARGATE_SPOT, and the service really uses
/// the strategy (no LaunchType).
struct ServicePrefersSpotRule: Rule {
  static let definition = RuleDefinition(
    id: "service-prefers-spot",
    requirements: ["3.2", "12.2"],
    title: "Service places tasks above the base on FARGATE_SPOT",
    rationale: "Fargate Spot costs about 70 % less. The preference only holds if the strategy that applies to the service (its own, else the cluster default) weights FARGATE_SPOT above FARGATE, and only if the service sets no LaunchType, which silently bypasses every strategy.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html",
      "https://github.com/aws/containers-roadmap/issues/1688",
    ],
    examples: [
      .compliant(),
      .change("service sets LaunchType FARGATE", .edit(.template, "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE\n          Base: 2\n          Weight: 0\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing", "      LaunchType: FARGATE\n      AvailabilityZoneRebalancing"), alsoFails: ["3.3", "12.1", "12.5"]),
      .change("spot weighted below on-demand", .edit(.template, "          Weight: 0\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing", "          Weight: 2\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing"), alsoFails: ["12.1", "12.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let preferred = context.value("preferred-provider")?.text else { return .missingValue("preferred-provider", of: "3.2") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its capacity provider strategy decides where tasks run") }
    return Verdict(findings: template.services.compactMap { service in
      switch CapacityProviderStrategy.of(service, in: template) {
      case .failure(let finding): return finding
      case .success(let strategy):
        let spot = strategy.item(preferred)
        let others = strategy.items.filter { $0.provider != preferred }
        if let spot, spot.weight > 0, others.allSatisfy({ $0.weight < spot.weight }) { return nil }
        return .error("\(service.logicalID)'s strategy (\(strategy.origin == .service ? "its own" : "the cluster default")) is [\(strategy.display)]; \(context.value("preferred-provider")!.cited) requires tasks above the base to prefer \(preferred) (the highest weight)", at: spot?.location ?? strategy.location)
      }
    }, passNote: "tasks above the base go to \(preferred)")
  }
}

import TemplateModel

/// 3.3: a base of N tasks runs on standard (on-demand) FARGATE.
struct ServiceBaseOnFargateRule: Rule {
  static let definition = RuleDefinition(
    id: "service-base-on-fargate",
    requirements: ["3.3"],
    title: "Base tasks run on on-demand FARGATE",
    rationale: "Spot tasks can be reclaimed with two minutes' notice; a base on FARGATE keeps the minimum capacity on on-demand capacity. Only one provider of a strategy may have a base.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html"],
    examples: [
      .compliant(),
      .change("base of 1", .edit(.template, "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE\n          Base: 2", "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE\n          Base: 1"), alsoFails: ["12.1", "12.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let providerValue = context.value("base-provider"), let countValue = context.value("base-count"), let count = countValue.integer else {
      return .missingValue("base-provider/base-count", of: "3.3")
    }
    let provider = providerValue.text
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its strategy sets the base") }
    return Verdict(findings: template.services.compactMap { service in
      switch CapacityProviderStrategy.of(service, in: template) {
      case .failure(let finding): return finding
      case .success(let strategy):
        let base = strategy.item(provider)?.base ?? 0
        if base == count { return nil }
        return .error("\(service.logicalID)'s strategy puts a base of \(base) on \(provider); \(countValue.cited) requires \(count)", at: strategy.item(provider)?.location ?? strategy.location)
      }
    }, passNote: "base \(count) on \(provider)")
  }
}

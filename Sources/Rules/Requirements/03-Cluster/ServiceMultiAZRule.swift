import TemplateModel

/// 3.5: tasks spread over several Availability Zones.
struct ServiceMultiAZRule: Rule {
  static let definition = RuleDefinition(
    id: "service-multi-az",
    requirements: ["3.5"],
    title: "Service subnets span several Availability Zones",
    rationale: "ECS spreads a service's tasks across the Availability Zones of its subnets; subnets in one zone put every task in it.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html"],
    examples: [
      .compliant(),
      .change("both subnets in zone 0", .edit(.template, "AvailabilityZone: !Select [1, !GetAZs \"\"]", "AvailabilityZone: !Select [0, !GetAZs \"\"]"), alsoFails: ["8.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let minimum = context.value("min-availability-zones"), let count = minimum.integer else { return .missingValue("min-availability-zones", of: "3.5") }
    let template = context.template
    guard !template.services.isEmpty else { return context.missing("AWS::ECS::Service", for: "its subnets decide the zones") }
    var unresolved: [String] = []
    let findings: [Finding] = template.services.compactMap { service in
      let subnets = template.subnets(ofService: service)
      let (zones, unknown) = AvailabilityZones.of(subnets, in: template)
      let (least, most) = AvailabilityZones.distinctCount(zones)
      if least >= count { return nil }
      if !unknown.isEmpty { unresolved.append("\(service.logicalID) subnets \(unknown.joined(separator: ", ")) are not resolvable to zones"); return nil }
      if most >= count { unresolved.append("\(service.logicalID) subnets name their zones in different ways (zone names, zone IDs, GetAZs indexes)"); return nil }
      return .error("\(service.logicalID) places tasks in \(least) Availability Zone(s); \(minimum.cited) requires at least \(count)", at: service["NetworkConfiguration"]?.location ?? service.location)
    }
    if findings.isEmpty && !unresolved.isEmpty { return .needsEvidence(unresolved.joined(separator: "; ")) }
    return Verdict(findings: findings, passNote: "subnets in \(count)+ distinct zones")
  }
}

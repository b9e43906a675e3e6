import TemplateModel

/// 10.5: every resource whose type takes tags carries the cost-allocation tags.
struct ResourceTagsRule: Rule {
  static let definition = RuleDefinition(
    id: "resource-tags",
    requirements: ["10.5"],
    title: "Every taggable resource carries the cost tags",
    rationale: "Cost allocation by Environment and Project works only for resources that carry both tags. A type takes tags when its CloudFormation schema has a Tags property; stack-level tags (samconfig `tags`) also propagate to most of them, but not all, so the template states them.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html"],
    examples: [
      .compliant(),
      .change("log group without Project", .edit(.template, "      RetentionInDays: 7\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n", "      RetentionInDays: 7\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n")),
      .change("SNS topic without tags", .edit(.template, "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n", "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let keys = context.value("tags")?.list else { return .missingValue("tags", of: "10.5") }
    let template = context.template
    var checked = 0
    var unknownTypes: Set<String> = []
    var findings: [Finding] = []
    for resource in template.resources {
      guard let taggable = ResourceSchemas.shared.isTaggable(resource.type) ?? Self.knownTaggable(resource.type) else {
        unknownTypes.insert(resource.type)
        continue
      }
      guard taggable else { continue }
      checked += 1
      let tags = resource["Tags"]
      let present: Set<String> = if let map = tags?.map { Set(map.keys) } else { Set(tags?.keyValuePairs.keys.map { $0 } ?? []) }
      let missing = keys.filter { !present.contains($0) }
      if !missing.isEmpty {
        findings.append(.error("\(resource.logicalID) (\(resource.type)) has no \(missing.joined(separator: ", ")) tag; \(context.value("tags")!.cited) requires \(keys.joined(separator: ", ")) on every taggable resource", at: tags?.location ?? resource.location, path: "Resources/\(resource.logicalID)/Properties/Tags"))
      }
    }
    let note = "\(checked) taggable resources carry \(keys.joined(separator: ", "))" + (unknownTypes.isEmpty ? "" : "; not checked (no schema data): \(unknownTypes.sorted().joined(separator: ", "))")
    return Verdict(findings: findings, passNote: note)
  }

  /// Types outside the schema data whose taggability is documented (SAM resources and
  /// common extras). nil: unknown.
  static func knownTaggable(_ type: String) -> Bool? {
    switch type {
    case "AWS::SNS::Subscription", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::VPCGatewayAttachment": false
    case "AWS::CloudWatch::Alarm", "AWS::Route53::HostedZone", "AWS::EC2::EIP", "AWS::EC2::NatGateway", "AWS::Serverless::Function", "AWS::Serverless::Api": true
    default: nil
    }
  }
}

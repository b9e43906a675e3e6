import TemplateModel

/// 10.5: every resource whose type takes tags carries the cost-allocation tags.
struct ResourceTagsRule: Rule {
  static let definition = RuleDefinition(
    id: "resource-tags",
    requirements: ["10.5"],
    title: "Every taggable resource carries the cost tags",
    rationale: "Cost allocation by Environment and Project works only for resources that carry both tags. A type takes tags when its CloudFormation schema has a Tags property; the tags are the resource's own Tags plus the stack-level tags the config env deploys with (samconfig `tags`, or the deploy script's `sam deploy --tags`), which CloudFormation propagates to the stack's resources.",
    scope: .perEnvironment, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html",
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html",
    ],
    examples: [
      .compliant(),
      .change(
        "log group without Project, and no stack tag Project",
        .edit(.template, "      RetentionInDays: 7\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n", "      RetentionInDays: 7\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n"),
        .edit(.samconfig, "tags = \"Project=\\\"vibejudge-dashboard\\\" Environment=\\\"dev\\\"\"", "tags = \"Environment=\\\"dev\\\"\""),
        .edit(.samconfig, "tags = \"Project=\\\"vibejudge-dashboard\\\" Environment=\\\"prod\\\"\"", "tags = \"Environment=\\\"prod\\\"\"")),
      .change(
        "SNS topic without tags, given by the stack tags of samconfig",
        .edit(.template, "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n", "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n"), expect: .pass),
      .change(
        "SNS topic without tags, and prod's stack tags without Project",
        .edit(.template, "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n", "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n"),
        .edit(.samconfig, "tags = \"Project=\\\"vibejudge-dashboard\\\" Environment=\\\"prod\\\"\"", "tags = \"Environment=\\\"prod\\\"\""), environment: "prod"),
      .change("SNS topic without tags, and no stack tags",
        .edit(.template, "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n        - Key: Project\n          Value: vibejudge-dashboard\n", "      DisplayName: !Sub \"VibeJudge dashboard ${Environment} alarms\"\n"),
        .edit(.samconfig, "tags = \"Project=\\\"vibejudge-dashboard\\\" Environment=\\\"dev\\\"\"\n", ""), environment: "dev"),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let keys = context.value("tags")?.list else { return .missingValue("tags", of: "10.5") }
    let template = context.template
    let stackTags = template.scenario.configuration.stackTags
    let fromStack = Set(stackTags.map(\.value.key))
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
      let missing = keys.filter { !present.contains($0) && !fromStack.contains($0) }
      if !missing.isEmpty {
        findings.append(.error("\(resource.logicalID) (\(resource.type)) has no \(missing.joined(separator: ", ")) tag, in its Tags or the stack tags of env \(template.scenario.environment); \(context.value("tags")!.cited) requires \(keys.joined(separator: ", ")) on every taggable resource", at: tags?.location ?? resource.location, path: "Resources/\(resource.logicalID)/Properties/Tags"))
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

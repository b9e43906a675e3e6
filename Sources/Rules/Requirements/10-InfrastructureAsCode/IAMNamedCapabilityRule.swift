import TemplateModel

/// 10.4: IAM resources with explicit names need CAPABILITY_NAMED_IAM in every env.
struct IAMNamedCapabilityRule: Rule {
  static let nameProperties = ["RoleName", "UserName", "GroupName", "ManagedPolicyName", "InstanceProfileName", "PolicyName"]
  /// Policy types whose name properties name nothing new. Reference: "AWS::IAM::RolePolicy",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-rolepolicy.html
  static let inlinePolicyTypes: Set<String> = ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"]

  static let definition = RuleDefinition(
    id: "iam-named-capability",
    requirements: ["10.4"],
    title: "Named IAM resources are acknowledged with CAPABILITY_NAMED_IAM",
    rationale: "CloudFormation refuses the change set (\"Requires capabilities : [CAPABILITY_NAMED_IAM]\") when an IAM resource has a custom name and the deploy acknowledges only CAPABILITY_IAM; the deploy script's --capabilities replace samconfig's.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template, .samconfig],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/control-access-with-iam.html#using-iam-capabilities"],
    examples: [
      .compliant(),
      .change("execution role gets a name", .edit(.template, "      Description: ECS agent role for the dashboard tasks - pull the image, write logs\n", "      Description: ECS agent role for the dashboard tasks - pull the image, write logs\n      RoleName: !Sub \"vibejudge-dashboard-${Environment}-execution\"\n")),
      .change("no capabilities at all", .edit(.samconfig, "capabilities = \"CAPABILITY_IAM\"\n", "")),
      .change("the deploy script passes the caller's SAM_CAPABILITIES (known only when it runs)", .edit(.deployScript, "    --region \"$REGION\" \\\n", "    --region \"$REGION\" \\\n    --capabilities \"${SAM_CAPABILITIES}\" \\\n"), expect: .needsEvidence),
      .change("sam deploy passes no --config-env: SAM CLI reads samconfig's default env, which has no capabilities", .edit(.deployScript, "    --config-env \"$ENV\" \\\n", ""), alsoFails: ["10.6"]),
      .change("capabilities misspelt (SAM CLI ignores the key)", .edit(.samconfig, "capabilities = \"CAPABILITY_IAM\"\n", "capabilties = \"CAPABILITY_IAM\"\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let iam = template.resources.filter { $0.type.hasPrefix("AWS::IAM::") }
    guard !iam.isEmpty else { return .pass("no IAM resources, no capability needed") }
    let named = iam.compactMap { resource -> (EvaluatedResource, EvaluatedNode)? in
      // The PolicyName of an inline policy needs no capability, and the RoleName,
      // UserName or GroupName of AWS::IAM::RolePolicy, UserPolicy and GroupPolicy names
      // the identity the policy attaches to (usually `!Ref Role`), not a new resource.
      guard !Self.inlinePolicyTypes.contains(resource.type) else { return nil }
      return Self.nameProperties.lazy.compactMap { resource[$0] }.first.map { (resource, $0) }
    }
    let acknowledged = AcknowledgedCapabilities(context)
    let needed = named.isEmpty ? "CAPABILITY_IAM" : "CAPABILITY_NAMED_IAM"
    if acknowledged.names.contains("CAPABILITY_NAMED_IAM") || (named.isEmpty && acknowledged.names.contains("CAPABILITY_IAM")) {
      return .pass("\(needed) acknowledged\(context.inEnvironment)")
    }
    if let unknown = acknowledged.unknownAtRunTime {
      return .needsEvidence("the capabilities the deploy script passes are only known at run time: \(unknown)")
    }
    let related = named.map { Finding.Related("explicit IAM name that requires CAPABILITY_NAMED_IAM", at: $0.1.location) } + (named.isEmpty ? [Finding.Related("IAM resource", at: iam[0].location)] : [])
    return .fail(.error("config env \(context.environmentName) acknowledges \(acknowledged.described), but the template \(named.isEmpty ? "creates IAM resources" : "names IAM resource \(named[0].0.logicalID)"); the change set fails with \"Requires capabilities : [\(needed)]\"", at: acknowledged.location(context), related: related))
  }
}

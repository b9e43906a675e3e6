import TemplateModel

/// 10.1: the template itself creates the deployment's resources.
struct TemplateResourcesRule: Rule {
  /// Resource types requirement 10.1 names, with what they stand for.
  static let required: [(type: String, what: String)] = [
    ("AWS::EC2::VPC", "VPC"), ("AWS::EC2::Subnet", "subnets"), ("AWS::EC2::SecurityGroup", "security groups"),
    ("AWS::ECR::Repository", "ECR repository"), ("AWS::ECS::Cluster", "ECS cluster"),
    ("AWS::ECS::TaskDefinition", "task definition"), ("AWS::ECS::Service", "ECS service"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "load balancer"), ("AWS::ElasticLoadBalancingV2::TargetGroup", "target group"),
    ("AWS::Logs::LogGroup", "CloudWatch log group"), ("AWS::CloudWatch::Alarm", "CloudWatch alarms"),
  ]

  static let definition = RuleDefinition(
    id: "template-creates-resources",
    requirements: ["10.1"],
    title: "Template creates every resource of the deployment",
    rationale: "Everything the dashboard needs is created by the one template, so a new environment is one `sam deploy` and nothing is configured by hand.",
    scope: .perEnvironment, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
    ],
    examples: [
      .compliant(),
      .change("no log group", .edit(.template, "    Type: AWS::Logs::LogGroup", "    Type: AWS::Logs::SubscriptionFilter"), alsoFails: ["*"]),
      .change(
        "the task definition is a nested stack's (the template creates it through that stack)",
        .edit(.template, "  TaskDefinition:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n", "  TaskDefinitionProperties:\n    Type: AWS::CloudFormation::WaitConditionHandle\n    Metadata:\n"),
        OutsideResourceEdits.addTaskStack, OutsideResourceEdits.serviceRunsNestedTaskDefinition, expect: .needsEvidence),
      .change(
        "472 more resources, 502 in all: past CloudFormation's 500 per template",
        .edit(.template, "\nResources:\n", "\nResources:\n" + (1...472).map { "  Topic\($0):\n    Type: AWS::SNS::Topic\n" }.joined()), alsoFails: ["*"]),
      .change(
        "the cluster exists only in prod, and the service and an output still name it in dev (CloudFormation rejects the dev template)",
        .edit(.template, "  Cluster:\n    Type: AWS::ECS::Cluster\n", "  Cluster:\n    Type: AWS::ECS::Cluster\n    Condition: IsProd\n"),
        environment: "dev", alsoFails: ["3.1", "3.4", "9.3", "9.7", "10.3"]),
    ])

  /// The most resources one template declares: CloudFormation's quota ("Resources", 500
  /// per template, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
  /// Counted as written, with the resources a condition removes: SAM's transform only adds.
  static let maximumResources = 500

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let declared = template.resources.count + template.removedResources.count
    if declared > Self.maximumResources {
      let past = (template.resources.map(\.location) + template.removedResources.map(\.resource.location)).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
      return .fail(.error(
        "the template declares \(declared) resources; CloudFormation accepts at most \(Self.maximumResources) in one template, so the stack is not created",
        at: past.count > Self.maximumResources ? past[Self.maximumResources] : context.templateStart))
    }
    // A reference to a resource the env's conditions remove: the stack is not created at all.
    let unresolved = template.problems.filter { $0.kind == .removedResourceReference }
    if !unresolved.isEmpty {
      return Verdict(findings: unresolved.map { .error($0.message, at: $0.location, related: $0.related.map { .init("the removed resource", at: $0) }) }, passNote: "")
    }
    let missing = Self.required.filter { template.resources(ofType: $0.type).isEmpty }
    guard !missing.isEmpty else { return .pass("creates " + Self.required.map(\.what).joined(separator: ", ")) }
    let removed = template.removedResources.filter { removed in missing.contains { $0.type == removed.resource.type.value } }
    let misspelt = missing.compactMap { required in context.misspelling(of: required.type).map { (resource: $0, type: required.type) } }
    let nested = template.resources.filter { ResourceTypes.nestedStackTypes.contains($0.type) }
    if removed.isEmpty, misspelt.isEmpty, !nested.isEmpty {
      return .needsEvidence(
        "the template has no \(missing.map { "\($0.what) (\($0.type))" }.joined(separator: ", ")) of its own\(context.inEnvironment); its nested stack\(nested.count == 1 ? "" : "s") \(nested.map { "\($0.logicalID) (\($0.type))" }.joined(separator: ", ")) may create them, and vibe-rules does not read nested templates",
        evidence: nested.map(\.location))
    }
    let why = !removed.isEmpty ? "; condition \(removed[0].condition) removes \(removed.map(\.resource.logicalID).joined(separator: ", "))"
      : misspelt.isEmpty ? "" : "; " + misspelt.map { "\($0.resource.logicalID) has Type \($0.resource.type.value), \($0.type) misspelt" }.joined(separator: "; ")
    return .fail(.error(
      "the template creates no \(missing.map { "\($0.what) (\($0.type))" }.joined(separator: ", "))\(context.inEnvironment)\(why)",
      at: removed.first?.resource.location ?? misspelt.first?.resource.type.location ?? context.templateStart))
  }
}

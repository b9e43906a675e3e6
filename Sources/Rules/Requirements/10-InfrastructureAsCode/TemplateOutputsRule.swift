import TemplateModel

/// 10.3: the stack outputs the ALB DNS name, the cluster ARN, the service ARN and the ECR
/// repository URI.
struct TemplateOutputsRule: Rule {
  /// What each output must be: a resource type and the attributes that give it (nil:
  /// `!Ref`), the first the one messages name. An ECS service's ARN is its `Ref` and its
  /// `ServiceArn` attribute (AWS::ECS::Service, "Return values").
  static let required: [(what: String, type: String, attributes: [String?])] = [
    ("ALB DNS name", "AWS::ElasticLoadBalancingV2::LoadBalancer", ["DNSName"]),
    ("cluster ARN", "AWS::ECS::Cluster", ["Arn"]),
    ("service ARN", "AWS::ECS::Service", [nil, "ServiceArn"]),
    ("ECR repository URI", "AWS::ECR::Repository", ["RepositoryUri"]),
  ]

  static let definition = RuleDefinition(
    id: "template-outputs",
    requirements: ["10.3"],
    title: "Stack outputs the ALB DNS name, cluster, service and repository",
    rationale: "Scripts and runbooks read these from the stack instead of hard-coding names. `!Ref` of an ECS service returns its ARN; of a cluster, its name (the ARN is `!GetAtt Cluster.Arn`).",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#aws-resource-ecs-service-return-values"],
    examples: [
      .compliant(),
      .change("no repository URI output", .edit(.template, "    Value: !GetAtt EcrRepository.RepositoryUri\n", "    Value: !GetAtt EcrRepository.Arn\n")),
      .change("the service ARN as !GetAtt Service.ServiceArn", .edit(.template, "    Value: !Ref Service\n", "    Value: !GetAtt Service.ServiceArn\n"), expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    var findings: [Finding] = []
    var found: [String] = []
    for requirement in Self.required {
      let ids = Set(template.resources(ofType: requirement.type).map(\.logicalID))
      let output = template.outputs.first { output in
        switch output.value?.unresolved {
        case .resource(let id): requirement.attributes.contains(nil) && ids.contains(id)
        case .attribute(let id, let attribute): requirement.attributes.contains(attribute) && ids.contains(id)
        default: false
        }
      }
      if let output {
        found.append("\(output.name) (\(requirement.what))")
      } else if ids.isEmpty, let misspelt = context.misspelling(of: requirement.type) {
        // The output may be there; the resource it names is not of that Type.
        findings.append(.error("no output gives the \(requirement.what)\(context.inEnvironment): \(misspelt.logicalID) has Type \(misspelt.type.value), \(requirement.type) misspelt", at: misspelt.type.location))
      } else {
        findings.append(.error("no output gives the \(requirement.what) (\(requirement.attributes[0].map { "!GetAtt <\(requirement.type)>.\($0)" } ?? "!Ref <\(requirement.type)>"))\(context.inEnvironment)", at: template.template.outputs.first?.location ?? context.templateStart, path: "Outputs"))
      }
    }
    return Verdict(findings: findings, passNote: "outputs " + found.joined(separator: ", "))
  }
}

import TemplateModel

/// 10.1, per config env: a required property that an `!If` removes in an env
/// (`!If [IsProd, x, !Ref AWS::NoValue]` outside prod) leaves the resource without it
/// there, and CloudFormation fails the resource in that env's stack. The property as
/// written is `TemplatePropertySchemaRule`'s.
struct RequiredPropertyPerEnvironmentRule: Rule {
  static let definition = RuleDefinition(
    id: "template-required-property-per-env",
    requirements: ["10.1"],
    title: "Required resource properties are set in every config env",
    rationale: "CloudFormation evaluates conditions before it validates a resource's properties: a required property that `!If` turns into `AWS::NoValue` in one env is missing from that env's stack, which fails with \"required key [...] not found\" while the other envs deploy.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html#cfn-pseudo-param-novalue", "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html"],
    examples: [
      .compliant(),
      .change("a required property removed outside prod", .edit(.template, "      GroupDescription: Dashboard ALB - HTTP and HTTPS from the internet\n", "      GroupDescription: !If [IsProd, Dashboard ALB - HTTP and HTTPS from the internet, !Ref AWS::NoValue]\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let schemas = ResourceSchemas.shared
    let checked = context.template.resources.filter { schemas.knows($0.type) }
    let findings = checked.flatMap { resource in
      schemas.requiredPropertiesRemoved(from: resource).map { name in
        Finding.error(
          "\(resource.logicalID) (\(resource.type)) has no \(name) in env \(context.environmentName): its `!If` gives `AWS::NoValue` there, and CloudFormation fails the resource (\"required key [\(name)] not found\")",
          at: resource.source.properties[name]?.location ?? resource.location)
      }
    }
    return Verdict(findings: findings, passNote: "the \(checked.count) resources with a schema keep their required properties in env \(context.environmentName)")
  }
}

import TemplateModel

/// 2.6: tags are mutable, so `latest` can move to each new image.
struct ECRTagMutabilityRule: Rule {
  static let definition = RuleDefinition(
    id: "ecr-tag-mutability",
    requirements: ["2.6"],
    title: "ECR repository tags are mutable",
    rationale: "The deploy script pushes `latest` on every deploy; an IMMUTABLE repository rejects the second push of the same tag and the deploy fails.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"],
    examples: [
      .compliant(),
      .change("tags made immutable", .edit(.template, "ImageTagMutability: MUTABLE", "ImageTagMutability: IMMUTABLE")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let expected = context.value("tag-mutability")?.text else { return .missingValue("tag-mutability", of: "2.6") }
    let repositories = context.template.resources(ofType: "AWS::ECR::Repository")
    guard !repositories.isEmpty else {
      return .fail(.error("the template creates no AWS::ECR::Repository", at: context.template.template.location))
    }
    return Verdict(findings: repositories.compactMap { repository in
      let node = repository["ImageTagMutability"]
      // CloudFormation's default is MUTABLE (AWS::ECR::Repository, ImageTagMutability).
      let actual = node?.string ?? "MUTABLE"
      if actual == expected { return nil }
      return .error("\(repository.logicalID) has ImageTagMutability \(node?.display ?? actual); \(context.value("tag-mutability")!.cited) requires \(expected)", at: node?.location ?? repository.location, path: "Resources/\(repository.logicalID)/Properties/ImageTagMutability")
    }, passNote: "ImageTagMutability \(expected)")
  }
}

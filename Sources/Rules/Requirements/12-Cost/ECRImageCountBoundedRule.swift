import TemplateModel

/// 12.3: the registry never stores more than N images (storage cost).
struct ECRImageCountBoundedRule: Rule {
  static let definition = RuleDefinition(
    id: "ecr-image-count-bounded",
    requirements: ["12.3"],
    title: "ECR stores a bounded number of images",
    rationale: "ECR charges per GB-month stored; without an expiry rule every deploy adds an image forever.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://aws.amazon.com/ecr/pricing/"],
    examples: [
      .compliant(),
      .change("keeps 11 images", .edit(.template, "\"countNumber\": 10", "\"countNumber\": 11"), alsoFails: ["2.2"]),
      .change("lifecycle rule does not expire", .edit(.template, "\"type\": \"expire\"", "\"type\": \"archive\""), alsoFails: ["2.2"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let limit = context.value("keep-images"), let maximum = limit.integer else { return .missingValue("keep-images", of: "12.3") }
    let repositories = context.template.resources(ofType: "AWS::ECR::Repository")
    guard !repositories.isEmpty else { return context.missing("AWS::ECR::Repository", for: "requirement 12.3 bounds its image count") }
    return Verdict(findings: repositories.compactMap { repository in
      let policy = ECRLifecyclePolicy(repository)
      if let rejection = policy?.rejection(of: repository.logicalID) {
        return .error("\(rejection); \(limit.cited) allows at most \(maximum) images", at: policy?.location ?? repository.location)
      }
      guard let kept = policy?.imagesKept else {
        return .error("\(repository.logicalID) keeps every image (no expire rule counting all tags); \(limit.cited) allows at most \(maximum)", at: repository["LifecyclePolicy"]?.location ?? repository.location)
      }
      guard kept <= maximum else {
        return .error("\(repository.logicalID) keeps up to \(kept) images; \(limit.cited) allows at most \(maximum)", at: repository["LifecyclePolicy"]?.location ?? repository.location)
      }
      return nil
    }, passNote: "at most \(maximum) images kept")
  }
}

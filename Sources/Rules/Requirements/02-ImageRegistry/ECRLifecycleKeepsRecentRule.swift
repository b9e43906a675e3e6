import TemplateModel

/// 2.2: the lifecycle policy keeps exactly the N most recent images.
struct ECRLifecycleKeepsRecentRule: Rule {
  static let definition = RuleDefinition(
    id: "ecr-lifecycle-keeps-recent",
    requirements: ["2.2"],
    title: "ECR lifecycle policy keeps the most recent images",
    rationale: "A count rule over all tags (`tagStatus: any`, `imageCountMoreThan`) bounds storage while keeping enough images to roll back.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html"],
    examples: [
      .compliant(),
      .change("keeps 30 images", .edit(.template, "\"countNumber\": 10", "\"countNumber\": 30"), alsoFails: ["12.3"]),
      .change("counts only tagged images", .edit(.template, "\"tagStatus\": \"any\"", "\"tagStatus\": \"untagged\""), alsoFails: ["12.3"]),
      .change("a count written as a string", .edit(.template, "\"countNumber\": 10", "\"countNumber\": \"10\""), alsoFails: ["12.3"]),
      .change("a count of zero", .edit(.template, "\"countNumber\": 10", "\"countNumber\": 0"), alsoFails: ["12.3"]),
      .change("a second rule without the countNumber ECR requires", .edit(.template, "                }\n              }\n            ]", "                }\n              },\n              {\"rulePriority\": 2, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\"}, \"action\": {\"type\": \"expire\"}}\n            ]"), alsoFails: ["12.3"]),
      .change("no lifecycle policy", .edit(.template, "      LifecyclePolicy:\n        LifecyclePolicyText: |", "      Unused:\n        LifecyclePolicyText: |"), alsoFails: ["12.3", "10.1"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let keep = context.value("keep-images") else { return .missingValue("keep-images", of: "2.2") }
    let repositories = context.template.resources(ofType: "AWS::ECR::Repository")
    guard !repositories.isEmpty else { return context.missing("AWS::ECR::Repository", for: "requirement 2.2 needs a repository with a lifecycle policy") }
    return Verdict(findings: repositories.compactMap { repository in
      guard let policy = ECRLifecyclePolicy(repository) else {
        return .error("\(repository.logicalID) has no readable LifecyclePolicy; \(keep.cited) requires keeping the \(keep.written) most recent images", at: repository.location)
      }
      if let rejection = policy.rejection(of: repository.logicalID) {
        return .error("\(rejection); \(keep.cited) requires keeping the \(keep.written) most recent images", at: policy.location)
      }
      guard let kept = policy.imagesKept else {
        return .error("the lifecycle policy of \(repository.logicalID) has no expire rule with tagStatus any and countType imageCountMoreThan; \(keep.cited) requires keeping the \(keep.written) most recent images", at: policy.location)
      }
      guard kept == keep.integer else {
        return .error("the lifecycle policy of \(repository.logicalID) keeps \(kept) images; \(keep.cited) requires \(keep.written)", at: policy.location)
      }
      return nil
    }, passNote: "lifecycle policy keeps the \(keep.written) most recent images")
  }
}

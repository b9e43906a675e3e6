import TemplateModel

/// 2.4: every image has a SHA-256 digest (inherent to ECR once the repository exists).
struct ECRImageDigestRule: Rule {
  static let definition = RuleDefinition(
    id: "ecr-image-digest",
    requirements: ["2.4"],
    title: "Images in ECR carry a SHA-256 digest",
    rationale: "ECR identifies every pushed image by its manifest's sha256 digest; the requirement holds by itself once the template creates the repository the task pulls from.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-pull-ecr-image.html"],
    examples: [
      .compliant(),
      .change(
        "the image named by its ECR URI, built with !Sub",
        .edit(.template, "Image: !Sub \"${EcrRepository.RepositoryUri}:${ImageTag}\"", "Image: !Sub \"${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/vibejudge-dashboard-${Environment}:${ImageTag}\""),
        expect: .pass),
      .change("the task runs an image from Docker Hub", .edit(.template, "Image: !Sub \"${EcrRepository.RepositoryUri}:${ImageTag}\"", "Image: !Sub \"python:3.12-slim\""), alsoFails: ["11.5"]),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let template = context.template
    let repositories = template.resources(ofType: "AWS::ECR::Repository").map(\.logicalID)
    guard !repositories.isEmpty else { return context.missing("AWS::ECR::Repository", for: "images get their digest in ECR") }
    let containers = template.serviceContainers
    guard !containers.isEmpty else { return context.withoutServiceContainers(for: "the task's image comes from ECR", what: "container image") }
    let verdict = Verdict(findings: containers.compactMap { container in
      guard let image = container["Image"] else {
        return .error("container \(container.name ?? "?") has no Image", at: container.location, path: container.path)
      }
      // An ECR image URI, also one built with `!Sub` (account, region and tag known at deploy time).
      if repositories.contains(where: { image.mentions($0) }) || (image.text(unknownPartsAs: "?") ?? "").containsText(".dkr.ecr.") { return nil }
      return .error("container \(container.name ?? "?") runs \(image.display), not an image of the template's ECR repository (\(repositories.joined(separator: ", "))); its digest is not ECR's", at: image.location, path: container.path + "/Image")
    }, passNote: "the task pulls from the template's ECR repository, which digests every image (sha256)")
    return context.limitedByOutsideTaskDefinitions(verdict, what: "container image")
  }
}

import Diagnostics
import DockerfileModel
import Foundation

/// 1.7: the image carries the required labels, each with a value (`LABEL version=""`
/// declares nothing; a value from a build argument without a known value is accepted).
struct ImageLabelsRule: Rule {
  static let definition = RuleDefinition(
    id: "image-labels",
    requirements: ["1.7"],
    title: "Image carries the maintainer, version and description labels",
    rationale: "Labels travel with the image into ECR and `docker inspect`, so an operator can tell who owns an image and which build it is. Labels of an earlier stage do not reach the final image unless it is built FROM that stage.",
    scope: .repository, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/reference/dockerfile/#label"],
    examples: [
      .compliant(),
      .change("no version label", .edit(.dockerfile, "      version=\"${APP_VERSION}\" \\\n", "")),
      .change("empty version label", .edit(.dockerfile, "      version=\"${APP_VERSION}\" \\\n", "      version=\"\" \\\n")),
      .change("version label from a build argument without a default", .edit(.dockerfile, "ARG APP_VERSION=dev", "ARG APP_VERSION"), expect: .pass),
      .change("deprecated MAINTAINER instead of a label", .edit(.dockerfile, "LABEL maintainer=\"VibeJudge AI platform team <platform@vibejudge.ai>\" \\\n", "MAINTAINER VibeJudge AI platform team\nLABEL ")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .absent("no Dockerfile") }
    guard let labelsValue = context.value("labels") else { return .missingValue("labels", of: "1.7") }
    let labels = dockerfile.finalImage.labels
    let missing = labelsValue.list.filter { labels[$0] == nil }
    guard missing.isEmpty else {
      let at = labels.values.map(\.location).min() ?? dockerfile.finalStage.location
      return .fail(.error("the final image has no \(missing.joined(separator: ", ")) label; \(labelsValue.cited) requires \(labelsValue.list.joined(separator: ", "))", at: at))
    }
    let empty = labelsValue.list.filter { labels[$0]?.value.resolvedValue?.isBlank == true }
    guard empty.isEmpty else {
      return .fail(.error("the final image's \(empty.joined(separator: ", ")) label\(empty.count == 1 ? " is" : "s are") empty; \(labelsValue.cited) requires \(labelsValue.list.joined(separator: ", ")) with a value", at: labels[empty[0]]!.location))
    }
    return .pass("labels " + labelsValue.list.joined(separator: ", "), evidence: labelsValue.list.compactMap { labels[$0]?.location })
  }
}

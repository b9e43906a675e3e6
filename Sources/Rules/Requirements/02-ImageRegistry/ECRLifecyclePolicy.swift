import Diagnostics
import TemplateModel

/// The rules of an ECR lifecycle policy (`LifecyclePolicy.LifecyclePolicyText`, JSON),
/// read for the "keep the N most recent images" question.
/// Reference: "Lifecycle policy properties",
/// https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html
struct ECRLifecyclePolicy {
  struct Rule {
    var tagStatus: String
    var countType: String
    var countNumber: Int?
    var action: String
  }

  var rules: [Rule]
  var location: SourceLocation

  /// The policy of `repository`, or nil when it has none or its text is not readable JSON.
  init?(_ repository: EvaluatedResource) {
    guard let text = repository["LifecyclePolicy"]?["LifecyclePolicyText"] else { return nil }
    guard let document = text.string.flatMap({ JSONDocument.parse($0, at: text.location) }) ?? text.map.map({ _ in text }) else { return nil }
    location = text.location
    rules = (document["rules"]?.list ?? []).map { rule in
      Rule(
        tagStatus: rule["selection"]?["tagStatus"]?.string ?? "",
        countType: rule["selection"]?["countType"]?.string ?? "",
        countNumber: rule["selection"]?["countNumber"]?.int,
        action: rule["action"]?["type"]?.string ?? "")
    }
  }

  /// The smallest number of images any rule keeps across all tags, if one does.
  var imagesKept: Int? {
    rules.filter { $0.tagStatus == "any" && $0.countType == "imageCountMoreThan" && $0.action == "expire" }
      .compactMap(\.countNumber).min()
  }
}

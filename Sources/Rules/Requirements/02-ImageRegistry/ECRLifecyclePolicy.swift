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
    /// The count, when it is one ECR takes (a whole number of at least 1).
    var countNumber: Int?
    var action: String
    /// Why ECR rejects the policy for this rule, if it does: a rule that is no object, has
    /// no `selection` object or no `countNumber` (required), or a `countNumber` that is no
    /// whole number of at least 1 (`"10"`, `10.5`, `0`; "Integer, minimum 1", lifecycle
    /// policy parameters).
    var problem: String?
  }

  var rules: [Rule]
  var location: SourceLocation

  /// The policy of `repository`, or nil when it has none or its text is not readable JSON.
  init?(_ repository: EvaluatedResource) {
    guard let text = repository["LifecyclePolicy"]?["LifecyclePolicyText"] else { return nil }
    guard let document = text.string.flatMap({ JSONDocument.parse($0, at: text.location) }) ?? text.map.map({ _ in text }) else { return nil }
    location = text.location
    rules = (document["rules"]?.list ?? []).enumerated().map { index, rule in
      let count = rule["selection"]?["countNumber"]
      let problem: String?
      if rule.map == nil {
        problem = "rule \(index + 1) is not an object"
      } else if rule["selection"]?.map == nil {
        problem = "rule \(index + 1) has no selection object"
      } else if let count {
        problem = Self.countProblem(count).map { $0 + " (ECR takes a whole number of at least 1)" }
      } else {
        problem = "rule \(index + 1) has no countNumber"
      }
      return Rule(
        tagStatus: rule["selection"]?["tagStatus"]?.string ?? "",
        countType: rule["selection"]?["countType"]?.string ?? "",
        countNumber: problem == nil ? count?.number.map { Int($0) } : nil,
        action: rule["action"]?["type"]?.string ?? "",
        problem: problem)
    }
  }

  /// Why `count` is no count ECR takes, or nil: a JSON number that is whole (`10.0` too),
  /// at least 1 and at most 2^31-1 (Java's `Integer`). Written as a YAML mapping, a plain
  /// `10` is a number too.
  static func countProblem(_ count: EvaluatedNode) -> String? {
    guard let scalar = count.scalar else { return "countNumber is \(count.map != nil ? "a mapping" : count.list != nil ? "a list" : "no known value"), not a number" }
    switch scalar.kind {
    case .integer, .float:
      guard let number = scalar.number, number.isFinite else { return "countNumber \(scalar.text) is not a number" }
      if number.rounded() != number { return "countNumber \(scalar.text) is not a whole number" }
      if number < 1 { return "countNumber \(scalar.text) is less than 1" }
      return number > Double(Int32.max) ? "countNumber \(scalar.text) is more than ECR's largest integer" : nil
    case .string: return "countNumber is the string \"\(scalar.text)\", not a number"
    case .boolean: return "countNumber \(scalar.text) is not a number"
    case .null: return "countNumber is null, not a number"
    }
  }

  /// The first rule's problem: ECR rejects the whole policy for it.
  var problem: String? { rules.lazy.compactMap(\.problem).first }

  /// "the lifecycle policy of <repository> cannot be applied: <problem>; ..." for `problem`.
  func rejection(of repository: String) -> String? {
    problem.map { "the lifecycle policy of \(repository) cannot be applied: \($0), and ECR rejects it when the stack is deployed" }
  }

  /// The smallest number of images any rule keeps across all tags, if one does.
  var imagesKept: Int? {
    rules.filter { $0.tagStatus == "any" && $0.countType == "imageCountMoreThan" && $0.action == "expire" }
      .compactMap(\.countNumber).min()
  }
}

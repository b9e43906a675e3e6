import Diagnostics
import TemplateModel
import Testing
@testable import Rules

/// ECR takes a lifecycle rule's `countNumber` as an integer of at least 1 ("Lifecycle
/// policy properties"): any other count makes ECR reject the policy, which 2.2 and 12.3
/// name instead of reading the policy as keeping every image.
@Suite struct ECRLifecycleCountTests {
  static func scalar(_ kind: Scalar.Kind, _ text: String) -> EvaluatedNode {
    EvaluatedNode(.scalar(Scalar(kind, text)), at: .start(of: "t.yaml"))
  }

  @Test(arguments: [(Scalar.Kind.integer, "10"), (.float, "10.0"), (.integer, "1"), (.integer, "2147483647")])
  func wholeCountsOfAtLeastOneAreTaken(kind: Scalar.Kind, text: String) {
    #expect(ECRLifecyclePolicy.countProblem(Self.scalar(kind, text)) == nil)
  }

  @Test(arguments: [
    (Scalar.Kind.string, "10", "the string \"10\""), (.float, "10.5", "not a whole number"), (.integer, "0", "less than 1"),
    (.integer, "-3", "less than 1"), (.integer, "3000000000", "more than ECR's largest integer"), (.boolean, "true", "not a number"),
  ])
  func otherCountsAreNamed(kind: Scalar.Kind, text: String, reason: String) throws {
    let problem = try #require(ECRLifecyclePolicy.countProblem(Self.scalar(kind, text)))
    #expect(problem.contains(reason), "\(problem)")
  }
}

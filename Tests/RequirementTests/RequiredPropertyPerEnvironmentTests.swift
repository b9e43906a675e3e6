import Foundation
import ProjectModel
import Testing
@testable import Rules

/// A required property an `!If` removes in one config env fails 10.1 in that env only, at
/// the property; one missing as written is the schema rule's alone; one whose condition
/// cannot be decided is not claimed (adversarial finding: a record set's `Name` under
/// `!If [IsProd, ..., !Ref AWS::NoValue]` had passed in dev).
@Suite struct RequiredPropertyPerEnvironmentTests {
  static let description = "      GroupDescription: Dashboard ALB - HTTP and HTTPS from the internet\n"

  /// 10.1's findings per rule and env with the ALB security group's description replaced
  /// by `replacement`.
  static func findings(_ replacement: String) throws -> [(rule: String, env: String?, line: Int, message: String)] {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.template, description, replacement))
    let isProd = "  IsProd: !Equals [!Ref Environment, prod]\n"
    try workspace.apply(.edit(.template, isProd, isProd + "  InSomeAccount: !Equals [!Ref AWS::AccountId, \"123456789012\"]\n"))
    let results = RuleEngine.run(RuleCatalog.all, on: try workspace.load())
    return results.filter { $0.rule.requirements.contains("10.1") }.flatMap { result in
      result.verdict.findings.map { (result.rule.id, result.environment, $0.location.line, $0.message) }
    }
  }

  @Test func removedOutsideProdFailsInDevOnly() throws {
    let found = try Self.findings("      GroupDescription: !If [IsProd, Dashboard ALB, !Ref AWS::NoValue]\n")
    #expect(found.map(\.rule) == ["template-required-property-per-env"])
    #expect(found.first?.env == "dev")
    #expect(found.first?.line == 182)
    #expect(found.first?.message.hasPrefix("AlbSecurityGroup (AWS::EC2::SecurityGroup) has no GroupDescription in env dev") == true)
  }

  @Test func missingAsWrittenIsTheSchemaRulesAlone() throws {
    let found = try Self.findings("      GroupDescription: !Ref AWS::NoValue\n")
    #expect(Set(found.map(\.rule)) == ["template-property-schema"])
  }

  /// A condition on a deploy-time value (`AWS::AccountId`) is decided by no env: the
  /// property may be there.
  @Test func anUndecidedConditionIsNotClaimed() throws {
    let found = try Self.findings("      GroupDescription: !If [InSomeAccount, Dashboard ALB, !Ref AWS::NoValue]\n")
      .filter { $0.rule == "template-required-property-per-env" }
    #expect(found.isEmpty, "\(found.map(\.message))")
  }
}

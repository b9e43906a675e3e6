import Diagnostics
import Testing
@testable import TemplateModel

/// A policy property written as a number, a boolean or a null holds no JSON object; policy
/// text over the length its service takes fails at the string, counted as the
/// service counts (IAM without white space, ECR every character), and is not read
/// further: a 16 MiB lifecycle policy had been made a tree of millions of nodes, once per
/// rule and env, and ran for minutes.
@Suite struct JSONTextPropertyCheckTests {
  static func violations(_ resource: String) throws -> [SchemaViolation] {
    let template = try Template.load(SourceText(file: "template.yaml", text: "Resources:\n" + resource))
    return ResourceSchemas.shared.check(template)
  }

  static func lifecycle(_ text: String) -> String {
    "  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      LifecyclePolicy:\n        LifecyclePolicyText: '\(text)'\n"
  }

  @Test func aLifecyclePolicyOverECRsLimitFailsUnread() throws {
    let long = "{\"rules\": [" + String(repeating: "0,", count: 2_000_000) + "0]}"
    let violations = try Self.violations(Self.lifecycle(long))
    #expect(violations.count == 1)
    #expect(violations.first?.message == "LifecyclePolicyText is \(long.count) characters long; ECR takes at most 30720; ECR rejects it when the stack is deployed, and no check can read the policy")
    #expect(JSONDocument.parse(long, at: .start(of: "t")) == nil)
  }

  @Test func aLifecyclePolicyAtECRsLimitIsRead() throws {
    let text = "{\"rules\": [" + String(repeating: " ", count: 30_720 - 13) + "]}"
    #expect(text.count == 30_720)
    #expect(try Self.violations(Self.lifecycle(text)).isEmpty)
  }

  /// IAM counts no white space: a managed policy padded with spaces past 6,144 characters passes.
  @Test func iamCountsNoWhiteSpace() throws {
    func managed(_ text: String) -> String {
      "  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: '\(text)'\n"
    }
    let padded = "{\"Version\": \"2012-10-17\"" + String(repeating: " ", count: 10_000) + "}"
    #expect(try Self.violations(managed(padded)).isEmpty)
    let long = "{\"Sid\": \"" + String(repeating: "a", count: 6_200) + "\"}"  // one space
    let violations = try Self.violations(managed(long))
    #expect(violations.map(\.message) == ["PolicyDocument is \(long.count - 1) characters long without white space; IAM takes at most 6144; IAM rejects it when the stack is deployed, and no check can read the policy's statements"])
  }

  @Test(arguments: [("7", "is the number 7, not JSON text of an object"), ("true", "is the boolean true, not JSON text of an object")])
  func aScalarThatIsNoStringFails(value: String, problem: String) throws {
    let violations = try Self.violations("  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: \(value)\n")
    #expect(violations.map(\.message) == ["AssumeRolePolicyDocument \(problem); IAM rejects it when the stack is deployed, and no check can read the policy's statements"])
  }

  /// A null is CloudFormation's to reject, before IAM sees anything: one finding, as for
  /// any property.
  @Test func aNullIsRejectedAsNull() throws {
    let violations = try Self.violations("  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: ~\n")
    #expect(violations.map(\.message) == ["R/Properties/AssumeRolePolicyDocument is null: CloudFormation rejects null values in templates (write a value, or leave the property out)"])
  }
}

import Foundation
import ProjectModel
import Requirements
import TemplateModel
import Testing
@testable import Rules

/// A policy written as a string (`PolicyDocument: '{...}'`, `LifecyclePolicyText: |`) is
/// JSON text the service reads at deploy time: text that is no JSON object fails 10.1 at
/// the string, where the policy had been read as having no statements.
@Suite struct JSONTextPropertyTests {
  static let taskRoleDescription = "      Description: Role of the dashboard application itself - intentionally without permissions\n"

  /// 10.1's findings with the task role given one inline policy whose document is `text`
  /// (a YAML single-quoted string).
  static func findings(policyDocument text: String) throws -> [Finding] {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.template, taskRoleDescription, taskRoleDescription + """
            Policies:
              - PolicyName: extra
                PolicyDocument: '\(text)'

      """))
    let results = RuleEngine.run(RuleCatalog.all, on: try workspace.load())
    return results.filter { $0.rule.requirements.contains("10.1") }.flatMap(\.verdict.findings).filter { $0.ruleID == "template-property-schema" }
  }

  @Test func aPolicyDocumentStringThatIsNotJSONFails() throws {
    let findings = try Self.findings(policyDocument: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}x"#)
    let finding = try #require(findings.first { $0.message.contains("PolicyDocument is a string that is not JSON") })
    #expect(finding.message.contains("IAM rejects it"))
    #expect(finding.location.file == "infra/template.yaml")
  }

  /// Foundation's reader on Linux takes the comma; IAM does not.
  @Test func aTrailingCommaFails() throws {
    let findings = try Self.findings(policyDocument: #"{"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*",}]}"#)
    #expect(findings.contains { $0.message.contains("PolicyDocument is a string that is not JSON (a comma before \"}\" (JSON allows none) at line 1, column 69 of the text)") }, "\(findings.map(\.message))")
  }

  @Test func aPolicyDocumentStringOfJSONThatIsNoObjectFails() throws {
    let findings = try Self.findings(policyDocument: #"[{"Effect": "Allow"}]"#)
    #expect(findings.contains { $0.message.contains("PolicyDocument is JSON text, but not a JSON object") }, "\(findings.map(\.message))")
  }

  @Test func aPolicyDocumentStringOfAJSONObjectPasses10_1() throws {
    let findings = try Self.findings(policyDocument: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}"#)
    #expect(findings.isEmpty, "\(findings.map(\.message))")
  }

  /// Each listed property exists in the schemas carried (a misspelt entry would never apply).
  @Test func everyJSONTextPropertyIsOneTheSchemasList() throws {
    for key in JSONTextProperty.all.keys {
      let dot = try #require(key.lastIndex(of: "."))
      let scope = String(key[..<dot]), property = String(key[key.index(after: dot)...])
      #expect(ResourceSchemas.shared.properties(of: scope)?[property] != nil, "\(scope) \(property)")
    }
  }
}

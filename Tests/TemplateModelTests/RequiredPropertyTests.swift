import Diagnostics
import Foundation
import Testing
@testable import TemplateModel

/// A resource, or a mapping within one, without a property its schema requires
/// (`required`): CloudFormation fails the resource ("required key [...] not found"). A role
/// without `AssumeRolePolicyDocument` had passed 10.1 (adversarial finding, stop 31).
@Suite struct RequiredPropertyTests {
  static func violations(_ resources: String) throws -> [SchemaViolation] {
    let template = try Template.load(SourceText(file: "template.yaml", text: "Conditions:\n  C: !Equals [a, b]\nResources:\n" + resources))
    return ResourceSchemas.shared.check(template)
  }

  @Test func aRoleWithoutPropertiesLacksItsTrustPolicy() throws {
    let violations = try Self.violations("  Role:\n    Type: AWS::IAM::Role\n")
    #expect(violations.map(\.message) == [
      "Role/Properties (AWS::IAM::Role) requires \"AssumeRolePolicyDocument\", missing here: CloudFormation fails the resource (\"required key [AssumeRolePolicyDocument] not found\")"
    ])
    // At the logical ID (line 4), as there is no Properties to point at.
    #expect(violations.first?.location.line == 4)
    #expect(violations.first?.location.column == 3)
    #expect(violations.first?.path == "Resources/Role/Properties")
  }

  @Test func missingPropertiesAreNamedTogetherAtTheMapping() throws {
    let violations = try Self.violations("  Rule:\n    Type: AWS::ElasticLoadBalancingV2::ListenerRule\n    Properties:\n      Priority: 1\n")
    #expect(violations.map(\.message) == [
      "Rule/Properties (AWS::ElasticLoadBalancingV2::ListenerRule) requires \"Actions\" and \"Conditions\", missing here: CloudFormation fails the resource (\"required key [Actions] not found\")"
    ])
    #expect(violations.first?.location.line == 7)
  }

  @Test func aDefinitionsRequiredPropertyIsCheckedInEveryItem() throws {
    let task = """
        Task:
          Type: AWS::ECS::TaskDefinition
          Properties:
            ContainerDefinitions:
              - Name: web
                Image: nginx
              - Name: sidecar

      """
    let violations = try Self.violations(task)
    #expect(violations.map(\.message) == [
      "Task/Properties/ContainerDefinitions/1 (AWS::ECS::TaskDefinition ContainerDefinition) requires \"Image\", missing here: CloudFormation fails the resource (\"required key [Image] not found\")"
    ])
    #expect(violations.first?.path == "Resources/Task/Properties/ContainerDefinitions/1")
    #expect(violations.first?.location.line == 10)
  }

  /// Only what is written decides: a property whose value is an intrinsic function (which
  /// may be `AWS::NoValue` in some env) is present; properties that are themselves an
  /// intrinsic function, or a mapping with `Fn::Transform` or a merge key `<<`, are only
  /// known once applied.
  @Test(arguments: [
    "  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !If [C, a, !Ref AWS::NoValue]\n",
    "  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties: !If [C, {GroupDescription: a}, {GroupDescription: b}]\n",
    "  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n",
    "  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n",
    "  V:\n    Type: AWS::EC2::VPC\n",
    // A merge key is no property of its own (adversarial finding, stop 35).
    "  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      <<: {GroupDescription: a}\n",
  ])
  func writtenOrUnknownablePropertiesPass(_ resource: String) throws {
    #expect(try Self.violations(resource).isEmpty)
  }

  /// `!Ref AWS::NoValue` removes the property; a null is rejected where it is written; a
  /// `Fn::If` key among the properties is no transform (adversarial findings).
  @Test(arguments: [
    ("      GroupDescription: !Ref AWS::NoValue\n", "G/Properties (AWS::EC2::SecurityGroup) requires \"GroupDescription\", missing here: CloudFormation fails the resource (\"required key [GroupDescription] not found\")"),
    ("      GroupDescription:\n", "G/Properties/GroupDescription is null: CloudFormation rejects null values in templates (write a value, or leave the property out)"),
    ("      GroupDescription: ~\n", "G/Properties/GroupDescription is null: CloudFormation rejects null values in templates (write a value, or leave the property out)"),
    ("      Fn::If: [C, {}, {}]\n      VpcId: v\n", "G/Properties (AWS::EC2::SecurityGroup) requires \"GroupDescription\", missing here: CloudFormation fails the resource (\"required key [GroupDescription] not found\")"),
  ])
  func removedNullOrUntransformedPropertiesAreNotWritten(_ properties: String, _ message: String) throws {
    #expect(try Self.violations("  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n" + properties).map(\.message) == [message])
  }

  /// A definition's scope is no resource type: `AWS::IAM::Role#Policy` is unknown.
  @Test func aDefinitionScopeIsNoResourceType() throws {
    #expect(!ResourceSchemas.shared.knows("AWS::IAM::Role#Policy"))
    #expect(ResourceSchemas.shared.knows("AWS::IAM::Role"))
    #expect(try Self.violations("  P:\n    Type: AWS::IAM::Role#Policy\n").isEmpty)
  }

  /// `Fn::ForEach` inside `Properties` makes properties CloudFormation sees once it is
  /// applied (adversarial finding: "requires GroupDescription" had been reported).
  @Test func aLoopInsidePropertiesIsNotJudged() throws {
    let text = """
      Transform: AWS::LanguageExtensions
      Resources:
        G:
          Type: AWS::EC2::SecurityGroup
          Properties:
            Fn::ForEach::D: [N, [GroupDescription], {"${N}": web}]

      """
    let template = try Template.load(SourceText(file: "template.yaml", text: text))
    #expect(!ResourceSchemas.shared.check(template).contains { $0.message.contains("requires") })
  }

  /// The generated data names only properties its scopes define.
  @Test func everyRequiredPropertyIsOneItsScopeDefines() {
    let schemas = ResourceSchemas.shared
    var checked = 0
    for line in ResourceSchemas.data.split(separator: "\n") {
      let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
      guard fields.count == 3, fields[1] == "!required" else { continue }
      let scope = fields[0]
      #expect(schemas.requiredProperties(of: scope) == fields[2].split(separator: ",").map(String.init))
      for name in schemas.requiredProperties(of: scope) {
        #expect(schemas.properties(of: scope)?[name] != nil, "\(scope) requires \(name), which it does not define")
        checked += 1
      }
    }
    #expect(checked > 100)
    #expect(schemas.requiredProperties(of: "AWS::IAM::Role") == ["AssumeRolePolicyDocument"])
    #expect(schemas.requiredProperties(of: "AWS::ECS::Service").isEmpty)
  }
}

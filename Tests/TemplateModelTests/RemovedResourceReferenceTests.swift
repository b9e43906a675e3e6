import Testing

@testable import TemplateModel

/// A resource a condition removes in an env cannot be referenced there by a resource or
/// output that exists: CloudFormation rejects the template ("Unresolved resource
/// dependencies"). A reference in the `Fn::If` branch the condition leaves out is fine.
@Suite struct RemovedResourceReferenceTests {
  static let template = """
    Parameters:
      Env: {Type: String}
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
    Resources:
      Topic:
        Type: AWS::SNS::Topic
        Condition: IsProd
      ByRef:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Ref Topic
      ByGetAtt:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !GetAtt Topic.TopicName
      BySub:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub "q-${Topic.TopicName}"
      ByDependsOn:
        Type: AWS::SQS::Queue
        DependsOn: Topic
      Guarded:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !If [IsProd, !GetAtt Topic.TopicName, plain]

    """

  @Test func everyKindOfReferenceIsAProblemInTheEnvThatRemovesIt() throws {
    let dev = try evaluate(Self.template, overrides: "Env=dev")
    let problems = dev.problems.filter { $0.kind == .removedResourceReference }
    #expect(problems.map { String($0.message.prefix { $0 != " " }) } == ["ByRef", "ByGetAtt", "BySub", "ByDependsOn"])
    #expect(problems.allSatisfy { $0.message.contains("which condition IsProd removes in env dev; CloudFormation rejects the template") })
  }

  @Test func noProblemWhereTheResourceExists() throws {
    let prod = try evaluate(Self.template, environment: "prod", overrides: "Env=prod")
    #expect(!prod.problems.contains { $0.kind == .removedResourceReference })
  }
}

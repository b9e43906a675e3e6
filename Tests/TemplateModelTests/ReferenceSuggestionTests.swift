import Diagnostics
import Testing
@testable import TemplateModel

/// A reference to a name the template does not define says which defined name it most
/// likely meant, when one is at most two edits away.
@Suite struct ReferenceSuggestionTests {
  static let base = "Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nParameters:\n  Env:\n    Type: String\nResources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n"

  @Test(arguments: [
    ("  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Clustr\n", "Cluster"),
    ("  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref ENV\n", "Env"),
    ("  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt Clster.Arn\n", "Cluster"),
    ("  Topic:\n    Type: AWS::SNS::Topic\n    Condition: IsProdd\n", "IsProd"),
    ("  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref AWS::Regoin\n", "AWS::Region"),
  ])
  func aNearNameIsSuggested(resource: String, suggested: String) throws {
    let error = try #require(throws: InputError.self) { try template(Self.base + resource) }
    #expect(error.message.hasSuffix("(did you mean \(suggested)?)"), "\(error.message)")
  }

  @Test func aFarNameGetsNoSuggestion() throws {
    let error = try #require(throws: InputError.self) {
      try template(Self.base + "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref LoadBalancer\n")
    }
    #expect(!error.message.contains("did you mean"), "\(error.message)")
  }
}

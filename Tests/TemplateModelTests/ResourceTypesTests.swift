import Diagnostics
import Testing

@testable import TemplateModel

/// Which resource type names CloudFormation has: the names AWS publishes for its own
/// namespaces are known, any other name in them does not exist, and types of other
/// namespaces (registry types, modules, custom resources, the SAM transform's) cannot be
/// told from the files.
@Suite struct ResourceTypesTests {
  @Test(arguments: [
    ("AWS::ECS::Cluster", ResourceTypes.Standing.listed),
    ("AWS::CloudFormation::CustomResource", .listed),
    ("Alexa::ASK::Skill", .listed),
    ("AWS::ECS::Bogus", .unlisted),
    ("AWS::ECS::cluster", .malformed),
    ("aws::ecs::cluster", .malformed),
    ("AWS::ECS:Cluster", .malformed),
    ("AWS::ECS::Cluster::", .malformed),
    ("AWS::ECS", .malformed),
    ("AWS::ECS::Cluster ", .malformed),
    ("Custom::SeedDatabase", .notJudged),
    ("AWS::Serverless::Function", .notJudged),
    ("MyOrg::Billing::Ledger", .notJudged),
    ("MyOrg::Billing::Ledger::MODULE", .notJudged),
  ])
  func standing(type: String, expected: ResourceTypes.Standing) {
    #expect(ResourceTypes.standing(type) == expected, "\(type)")
  }

  @Test func misspellingsAreNamesCloseToTheTypeThatTheListLacks() {
    #expect(ResourceTypes.isMisspelling("AWS::ECS::Servise", of: "AWS::ECS::Service"))
    #expect(ResourceTypes.isMisspelling("aws::ecs::service", of: "AWS::ECS::Service"))
    #expect(ResourceTypes.isMisspelling("AWS::ECS:Service", of: "AWS::ECS::Service"))
    #expect(!ResourceTypes.isMisspelling("AWS::ECS::TaskSet", of: "AWS::ECS::Service"), "a listed type is no misspelling")
    #expect(!ResourceTypes.isMisspelling("AWS::ECS::Bogus", of: "AWS::ECS::Service"))
  }

  @Test func misspeltAndMiscasedNamesSuggestTheType() {
    #expect(ResourceTypes.suggestions(for: "AWS::ECS::Clustre").first == "AWS::ECS::Cluster")
    #expect(ResourceTypes.suggestions(for: "AWS::ECS::service").first == "AWS::ECS::Service")
    #expect(ResourceTypes.suggestions(for: "AWS::Nothing::LikeThisAtAll").isEmpty)
  }

  @Test func editDistanceStopsPastTheLimit() {
    let a = Array("kitten".unicodeScalars), b = Array("sitting".unicodeScalars)
    #expect(NameSuggestion.editDistance(a, b, limit: 5) == 3)
    #expect(NameSuggestion.editDistance(a, b, limit: 1) == 2)
  }
}

import Testing

@testable import TemplateModel

/// Which resource type names CloudFormation has: the names AWS publishes for its own
/// namespaces are known, any other name in them does not exist, and types of other
/// namespaces (registry types, modules, custom resources, the SAM transform's) cannot be
/// told from the files.
@Suite struct ResourceTypesTests {
  @Test(arguments: [
    ("AWS::ECS::Cluster", true as Bool?),
    ("AWS::CloudFormation::CustomResource", true),
    ("Alexa::ASK::Skill", true),
    ("AWS::ECS::Bogus", false),
    ("AWS::ECS::cluster", false),
    ("AWS::ECS::Cluster::", nil),
    ("Custom::SeedDatabase", nil),
    ("AWS::Serverless::Function", nil),
    ("MyOrg::Billing::Ledger", nil),
    ("MyOrg::Billing::Ledger::MODULE", nil),
    ("AWS::ECS", nil),
  ])
  func exists(type: String, expected: Bool?) {
    #expect(ResourceTypes.exists(type) == expected, "\(type)")
  }

  @Test func misspeltAndMiscasedNamesSuggestTheType() {
    #expect(ResourceTypes.suggestions(for: "AWS::ECS::Clustre").first == "AWS::ECS::Cluster")
    #expect(ResourceTypes.suggestions(for: "AWS::ECS::service").first == "AWS::ECS::Service")
    #expect(ResourceTypes.suggestions(for: "AWS::Nothing::LikeThisAtAll").isEmpty)
  }

  @Test func editDistanceStopsPastTheLimit() {
    let a = Array("kitten".unicodeScalars), b = Array("sitting".unicodeScalars)
    #expect(ResourceTypes.editDistance(a, b, limit: 5) == 3)
    #expect(ResourceTypes.editDistance(a, b, limit: 1) == 2)
  }
}

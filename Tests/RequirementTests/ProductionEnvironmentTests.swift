import Testing
@testable import Rules

/// Which config envs requirement 10.6 holds to confirming their change sets.
@Suite struct ProductionEnvironmentTests {
  @Test("named for production", arguments: ["prod", "PROD", "production", "prd", "live", "prod-eu", "eu-west-1.prod", "us_production"])
  func production(_ name: String) {
    #expect(ChangeSetReviewRule.isProduction(name))
  }

  @Test("not named for production", arguments: ["dev", "staging", "preprod", "prodlike", "nonprod2", "non-prod", "pre_prod", "delivery", "default"])
  func notProduction(_ name: String) {
    #expect(!ChangeSetReviewRule.isProduction(name))
  }
}

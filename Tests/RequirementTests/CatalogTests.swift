import Testing
import Requirements
@testable import Rules

/// The rule catalogue is well formed and covers REQUIREMENTS.md.
@Suite struct CatalogTests {
  @Test func ruleIDsAreUniqueKebabCase() {
    let ids = RuleCatalog.all.map(\.definition.id)
    #expect(Set(ids).count == ids.count, "duplicate rule ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
    for id in ids {
      #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !id.hasPrefix("-"), "\(id) is kebab-case")
    }
  }

  @Test func everyRuleCanPassAndFail() {
    for rule in RuleCatalog.all.map(\.definition) {
      #expect(rule.examples.contains { $0.expected == .pass || $0.expected == .needsEvidence }, "\(rule.id) has a passing example")
      #expect(rule.examples.contains { $0.expected == .fail || $0.expected == .warn }, "\(rule.id) has a failing example")
    }
  }

  @Test func everyRuleNamesKnownRequirementsAndATitleWithoutPeriod() {
    let known = Set(RequirementCatalogue.builtIn.ids)
    for rule in RuleCatalog.all.map(\.definition) {
      #expect(!rule.requirements.isEmpty && rule.requirements.allSatisfy(known.contains), "\(rule.id) names known requirements")
      #expect(!rule.title.hasSuffix("."), "\(rule.id) title has no trailing period")
      #expect(!rule.rationale.isEmpty, "\(rule.id) has a rationale")
    }
  }

  /// Every criterion of REQUIREMENTS.md is decided by at least one rule: a static check,
  /// a check of the configuration that makes an inherent behaviour happen, or an evidence
  /// rule that says needs-evidence until evidence is given (never `no-rule`).
  @Test func everyRequirementIsCoveredOrClassified() {
    let ruled = Set(RuleCatalog.all.flatMap(\.definition.requirements))
    for requirement in RequirementCatalogue.builtIn.requirements {
      #expect(ruled.contains(requirement.id), "\(requirement.id) \(requirement.title) (\(requirement.kind.rawValue)) has no rule")
      if requirement.kind == .evidence {
        let kinds = RuleCatalog.all.map(\.definition).filter { $0.requirements.contains(requirement.id) }.map(\.kind)
        #expect(kinds.contains(.evidence), "\(requirement.id) needs evidence but no evidence rule decides it")
      }
    }
  }
}

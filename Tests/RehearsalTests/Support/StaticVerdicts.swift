import Foundation
import ProjectModel
import Requirements
@testable import Rules

/// The static side: the rules that decide 2.3 and 11.1-11.7, run on the same copy the
/// rehearsal ran (`Project.load` + `RuleEngine.run`), reduced to one status per
/// requirement and config env the way the matrix does (the heaviest status of the rules
/// deciding the requirement, each projected on it with `RuleResult.verdict(for:)`).
struct StaticVerdicts {
  struct Entry: Sendable {
    var status: Verdict.Status
    /// "rule-id: message" of every finding about the requirement.
    var findings: [String]
    var isFail: Bool { status == .fail }
  }

  /// Requirement ID → config env → entry.
  var entries: [String: [String: Entry]]
  /// The ids of the rules that were run.
  var ruleIDs: [String]

  /// Runs every catalogue rule that decides one of `requirements` on the copy at `root`.
  static func evaluate(root: URL, requirements: [String] = Rehearsal.requirementIDs) throws -> StaticVerdicts {
    let project = try Project.load(ProjectOptions(root: root.path))
    let ids = requirements.compactMap(RequirementID.init)
    let rules = RuleCatalog.all.filter { !Set($0.definition.requirements).isDisjoint(with: ids) }
    let results = RuleEngine.run(rules, on: project)
    var entries: [String: [String: Entry]] = [:]
    for id in ids {
      for environment in project.environments.map(\.scenario.environment) {
        let relevant = results.filter { $0.rule.requirements.contains(id) && ($0.environment == nil || $0.environment == environment) }
        let verdicts = relevant.map { $0.verdict(for: id) }
        entries[id.description, default: [:]][environment] = Entry(
          status: verdicts.map(\.status).max() ?? .notApplicable,
          findings: zip(relevant, verdicts).flatMap { result, verdict in
            verdict.findings.map { "\(result.rule.id): \($0.message)" } + (verdict.status == .needsEvidence ? ["\(result.rule.id): \(verdict.note)"] : [])
          })
      }
    }
    return StaticVerdicts(entries: entries, ruleIDs: rules.map(\.definition.id))
  }

  func entry(_ id: String, _ environment: String) -> Entry? { entries[id]?[environment] }
}

import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// This repository's own deployment files against its own REQUIREMENTS.md: one test per
/// requirement that has a rule, so a pull-request check fails as
/// "8.2 Task ingress ...: infra/template.yaml:142:9: ... (vibe-rules explain task-ingress-from-alb)".
@Suite struct OwnRepositoryTests {
  /// The matrix of this repository, computed once.
  static let matrix: Result<RequirementMatrix, Error> = Result {
    let project = try Project.load(ProjectOptions(root: Workspace.repositoryRoot.path))
    try WaiverCheck.validate(project.waivers, catalogue: project.requirements)
    return RequirementMatrix(
      catalogue: project.requirements, results: RuleEngine.run(RuleCatalog.all, on: project),
      environments: project.environments.map(\.scenario.environment), waivers: project.waivers, today: WaiverCheck.today)
  }

  /// Requirement IDs of REQUIREMENTS.md that at least one rule checks.
  static let checkedRequirements: [String] = {
    let ruled = Set(RuleCatalog.all.flatMap(\.definition.requirements))
    return RequirementCatalogue.builtIn.ids.filter(ruled.contains).map(\.description)
  }()

  @Test("requirement holds for this repository", arguments: checkedRequirements)
  func requirement(_ id: String) throws {
    let matrix = try Self.matrix.get()
    let rows = matrix.rows.filter { $0.requirement.id.description == id }
    #expect(!rows.isEmpty, "\(id) has a row")
    for row in rows {
      let failures = row.findings.filter { $0.severity == .error }.map { finding in
        "\(finding.location): \(finding.message) (fix, see: vibe-rules explain \(finding.ruleID))"
      }
      #expect(
        row.status != .fail,
        "\(id) \(row.requirement.title)\(row.environment.map { " [env \($0)]" } ?? ""): \(failures.joined(separator: "; "))")
    }
  }

  @Test func everyRequirementHasARow() throws {
    let matrix = try Self.matrix.get()
    #expect(Set(matrix.rows.map(\.requirement.id)) == Set(RequirementCatalogue.builtIn.ids))
  }
}

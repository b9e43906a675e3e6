import Diagnostics
import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// Every row a Dockerfile, .dockerignore or build-context rule decides, on a copy of this
/// repository whose Dockerfile names a custom BuildKit frontend: needs-evidence naming the
/// directive (the frontend decides what the file means), never pass; with Docker's own
/// frontend the rows are what they are without the directive.
@Suite struct CustomFrontendVerdictTests {
  static func verdicts(_ syntax: String) throws -> [(RuleResult, Verdict)] {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.dockerfile, "# VibeJudge AI organizer dashboard", "# syntax=\(syntax)\n# VibeJudge AI organizer dashboard"))
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    let rules = RuleCatalog.all.filter { !CustomFrontendLimit.artifacts.isDisjoint(with: $0.definition.artifacts) }
    return RuleEngine.run(rules, on: project).flatMap { result in result.rule.requirements.map { (result, result.verdict(for: $0)) } }
  }

  @Test func customFrontendLeavesNoDockerfileRowPassing() throws {
    let results = try Self.verdicts("example.com/team/frontend:1")
    #expect(results.count > 10)
    #expect(!results.contains { $0.1.status == .pass }, "\(results.filter { $0.1.status == .pass }.map(\.0.rule.id))")
    let limited = results.filter { $0.1.status == .needsEvidence && $0.1.note.contains("the syntax directive `example.com/team/frontend:1` at docker/Dockerfile:1:1") }
    #expect(limited.count > 10)
  }

  @Test func dockersOwnFrontendChangesNothing() throws {
    let results = try Self.verdicts("docker/dockerfile:1")
    #expect(!results.contains { $0.1.note.contains("custom BuildKit frontend") })
    #expect(results.contains { $0.1.status == .pass })
  }

  /// A `--build-arg BUILDKIT_SYNTAX=...` on the deploy script's build picks the frontend
  /// over the directive; Docker's own image there changes nothing.
  @Test(arguments: [("evil.example.com/frontend:1", true), ("docker/dockerfile:1", false)])
  func buildArgumentFrontend(image: String, limits: Bool) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.deployScript, "--build-arg \"APP_VERSION=${IMAGE_TAG}\"", "--build-arg \"APP_VERSION=${IMAGE_TAG}\" --build-arg \"BUILDKIT_SYNTAX=\(image)\""))
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    let rules = RuleCatalog.all.filter { !CustomFrontendLimit.artifacts.isDisjoint(with: $0.definition.artifacts) }
    let verdicts = RuleEngine.run(rules, on: project).flatMap { result in result.rule.requirements.map { result.verdict(for: $0) } }
    #expect(verdicts.contains { $0.status == .pass } == !limits)
    #expect(verdicts.contains { $0.note.contains("BUILDKIT_SYNTAX=\(image)") } == limits)
  }
}

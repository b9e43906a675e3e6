import Diagnostics
import Foundation
import ProjectModel
import Testing
@testable import Rules

/// Another team's repository, laid out differently (plain CloudFormation under
/// cloudformation/, Dockerfile at the root, samconfig.yaml, scripts/release.sh) with its
/// own REQUIREMENTS.md values (port 8000, /healthz, 1 vCPU, 3-20 tasks, 14 days).
@Suite struct AdoptionTests {
  static let fixture = Workspace.repositoryRoot.appendingPathComponent("Tests/RequirementTests/Fixtures/orders-api-8000")

  static func matrix(_ root: URL) throws -> RequirementMatrix {
    let project = try Project.load(ProjectOptions(
      root: root.path, template: "cloudformation/stack.yaml", samconfig: "samconfig.yaml", dockerfile: "Dockerfile",
      deployScript: "scripts/release.sh"))
    return RequirementMatrix(
      catalogue: project.requirements, results: RuleEngine.run(RuleCatalog.all, on: project),
      environments: project.environments.map(\.scenario.environment))
  }

  static func copy() throws -> URL {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-adoption-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: fixture, to: target)
    return target
  }

  @Test func theTeamsOwnValuesPass() throws {
    let matrix = try Self.matrix(Self.fixture)
    #expect(matrix.catalogueSource == "REQUIREMENTS.md")
    #expect(matrix.environments == ["staging", "production"])
    #expect(matrix.rows.count == 15)
    #expect(matrix.rows.allSatisfy { $0.status == .pass }, "\(matrix.rows.filter { $0.status != .pass }.map { "\($0.requirement.id) \($0.status.rawValue) \($0.note) \($0.findings.map(\.message))" })")
  }

  /// The team's catalogue has 9.2 (14 days) but no 12.4 (our 7-day cost criterion): the
  /// log-retention rule, which covers both, checks 9.2 only, at the team's value.
  @Test func noRuleChecksARequirementTheTeamDoesNotState() throws {
    let project = try Project.load(ProjectOptions(
      root: Self.fixture.path, template: "cloudformation/stack.yaml", samconfig: "samconfig.yaml", dockerfile: "Dockerfile",
      deployScript: "scripts/release.sh"))
    #expect(project.requirements["12.4"] == nil)
    let stated = Set(project.requirements.ids)
    let findings = RuleEngine.run(RuleCatalog.all, on: project).flatMap(\.verdict.findings)
    #expect(findings.filter { !Set($0.requirements).isSubset(of: stated) }.map(\.message) == [])
    let matrix = try Self.matrix(Self.fixture)
    #expect(matrix.rows.filter { $0.requirement.id == "9.2" }.map(\.note) == ["RetentionInDays 14"])
  }

  @Test func port8080InTheTemplateFailsQuotingTheDeclaredValue() throws {
    let root = try Self.copy()
    defer { try? FileManager.default.removeItem(at: root) }
    let stack = root.appendingPathComponent("cloudformation/stack.yaml")
    let text = try String(contentsOf: stack, encoding: .utf8)
    try text.replacingOccurrences(of: "          PortMappings:\n            - ContainerPort: 8000", with: "          PortMappings:\n            - ContainerPort: 8080")
      .write(to: stack, atomically: true, encoding: .utf8)
    let matrix = try Self.matrix(root)
    let failing = matrix.rows.filter { $0.status == .fail }
    // 4.3 (the container port) and 6.7 (the service registers 8000, which the container no longer maps).
    #expect(Set(failing.map(\.requirement.id.description)) == ["4.3", "6.7"])
    let messages = failing.flatMap(\.findings).map(\.message)
    #expect(messages.contains { $0.contains("ContainerPort 8080") && $0.contains("8000 (REQUIREMENTS.md:") && $0.contains("requires 8000") })
    #expect(failing.flatMap(\.findings).allSatisfy { $0.location.file == "cloudformation/stack.yaml" })
  }

  @Test func aSingleValueOverriddenInTheConfigurationIsCheckedAndQuoted() throws {
    let root = try Self.copy()
    defer { try? FileManager.default.removeItem(at: root) }
    try "values:\n  \"4.3\": {container-port: 8080}\n".write(to: root.appendingPathComponent(".vibe-rules.yaml"), atomically: true, encoding: .utf8)
    let matrix = try Self.matrix(root)
    let row = try #require(matrix.rows.first { $0.requirement.id == "4.3" })
    #expect(row.status == .fail)
    #expect(row.findings.contains { $0.message.contains("8080 (.vibe-rules.yaml:2) requires 8080") })
    #expect(matrix.rows.filter { $0.status == .fail }.map(\.requirement.id.description) == ["4.3"])
  }

  @Test func aMalformedValueInTheConfigurationIsALocatedInputError() throws {
    let root = try Self.copy()
    defer { try? FileManager.default.removeItem(at: root) }
    try "values:\n  \"9.2\": {retention: 7 weeks}\n".write(to: root.appendingPathComponent(".vibe-rules.yaml"), atomically: true, encoding: .utf8)
    let error = try #require(throws: InputError.self) { try Self.matrix(root) }
    #expect(error.location?.file == ".vibe-rules.yaml")
    #expect(error.location?.line == 2)
    #expect(error.message == "retention: \"7 weeks\" is not a number of days (7 days)")
  }
}

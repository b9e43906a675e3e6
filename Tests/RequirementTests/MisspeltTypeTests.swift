import Foundation
import ProjectModel
import Testing
@testable import Rules

/// A misspelt resource Type (`AWS::ECS::Servise`) makes every rule that needs the type
/// fail; those failures point at the misspelt Type and name it, instead of at the
/// template's first line ("the template has no AWS::ECS::Service"), so the one typo is
/// found from any of its rows.
@Suite struct MisspeltTypeTests {
  @Test func failuresForAMissingTypePointAtItsMisspelling() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.template, "    Type: AWS::ECS::Service\n", "    Type: AWS::ECS::Servise\n"))
    let template = try String(contentsOf: workspace.directory.appendingPathComponent("infra/template.yaml"), encoding: .utf8)
    let line = try #require(template.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    Type: AWS::ECS::Servise" }) + 1
    let project = try workspace.load()
    let findings = RuleEngine.run(RuleCatalog.all, on: project).flatMap(\.verdict.findings)
    let aboutService = findings.filter { $0.message.contains("no AWS::ECS::Service") || $0.message.contains("creates no ECS service") }
    #expect(aboutService.count >= 10, "\(aboutService.count) findings about the missing service")
    for finding in aboutService {
      #expect(finding.location.line == line && finding.location.file == "infra/template.yaml", "\(finding.location): \(finding.message)")
      #expect(finding.message.contains("Service has Type AWS::ECS::Servise, AWS::ECS::Service misspelt"), "\(finding.message)")
    }
    #expect(findings.contains { $0.ruleID == "template-property-schema" && $0.message.contains("did you mean AWS::ECS::Service?") })
  }

  @Test func aTypeThatIsNoMisspellingLeavesTheFindingAtTheTemplate() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.template, "    Type: AWS::ECS::Service\n", "    Type: AWS::ECS::TaskSet\n"))
    let project = try workspace.load()
    let findings = RuleEngine.run(RuleCatalog.all, on: project).flatMap(\.verdict.findings).filter { $0.message.contains("no AWS::ECS::Service") }
    #expect(!findings.isEmpty)
    #expect(findings.allSatisfy { $0.location.line == 1 && !$0.message.contains("misspelt") }, "\(findings.map { "\($0.location): \($0.message)" })")
  }
}

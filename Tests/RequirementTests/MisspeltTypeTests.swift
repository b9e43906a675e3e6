import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// A misspelt resource Type (`AWS::ECS::Servise`) makes every rule that needs the type
/// fail; those failures point at the misspelt Type and name it, instead of at the
/// template's first line ("the template has no AWS::ECS::Service"), so the one typo is
/// found from any of its rows.
@Suite struct MisspeltTypeTests {
  /// The rule results on this repository with `type` written `misspelt`, and the line of
  /// the misspelt Type.
  static func results(_ type: String, misspelt: String) throws -> (results: [RuleResult], line: Int) {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.template, "    Type: \(type)\n", "    Type: \(misspelt)\n"))
    let template = try String(contentsOf: workspace.directory.appendingPathComponent("infra/template.yaml"), encoding: .utf8)
    let line = try #require(template.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    Type: \(misspelt)" }) + 1
    return (RuleEngine.run(RuleCatalog.all, on: try workspace.load()), line)
  }

  @Test func failuresForAMissingTypePointAtItsMisspelling() throws {
    let (results, line) = try Self.results("AWS::ECS::Service", misspelt: "AWS::ECS::Servise")
    let findings = results.flatMap(\.verdict.findings)
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
  /// The same for a type a property references: with the cluster's, task definition's,
  /// target group's or log group's Type misspelt, every finding of the rules that read it
  /// (its settings, the containers, the health check, the retention, the stack outputs)
  /// is at the misspelt Type, and none passes on the rejected resource's properties.
  @Test(arguments: [
    ("AWS::ECS::Cluster", "AWS::ECS::Clustr", ["3.1", "3.4", "9.3", "9.7", "10.3"]),
    ("AWS::ECS::TaskDefinition", "AWS::ECS::TaskDefinitio", ["2.4", "4.1", "4.3", "4.7", "9.1"]),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGrup", ["5.3", "5.4", "5.5", "5.6"]),
    ("AWS::Logs::LogGroup", "AWS::Logs::LogGrop", ["4.4", "9.2", "12.4"]),
  ])
  func rowsThatReadAReferencedResourceFailAtItsMisspeltType(type: String, misspelt: String, ids: [String]) throws {
    let (results, line) = try Self.results(type, misspelt: misspelt)
    for id in ids {
      let verdicts = results.filter { $0.rule.requirements.contains(RequirementID(stringLiteral: id)) }.map { $0.verdict(for: RequirementID(stringLiteral: id)) }
      #expect(verdicts.contains { $0.status == .fail }, "\(id) does not fail with \(misspelt)")
      // Each failing finding names the misspelt Type (at it, or at the reference to it).
      let findings = verdicts.flatMap(\.findings)
      #expect(findings.contains { $0.location.line == line || $0.message.contains(misspelt) }, "\(id): \(findings.map { "\($0.location): \($0.message)" })")
      #expect(findings.allSatisfy { $0.message.contains(misspelt) }, "\(id): \(findings.map(\.message))")
    }
  }
}

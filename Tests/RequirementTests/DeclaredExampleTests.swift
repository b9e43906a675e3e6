import Foundation
import Testing
@testable import Rules

/// Every example every rule declares, applied to a copy of this repository's deployment
/// files: the rule gives the declared verdict, and a failing example's finding is in the
/// file the example changed.
@Suite struct DeclaredExampleTests {
  @Test("Every declared example", arguments: DeclaredExample.all)
  func declaredExample(_ declared: DeclaredExample) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    if let fixture = declared.example.fixture { try workspace.overlay(fixture) }
    for edit in declared.example.edits { try workspace.apply(edit) }
    let project = try workspace.load()
    let results = RuleEngine.run([declared.rule], on: project)
    let relevant = results.filter { declared.example.environment == nil || $0.environment == nil || $0.environment == declared.example.environment }
    let worst = relevant.map(\.verdict.status).max() ?? .notApplicable
    #expect(
      RuleExample.Expectation(worst) == declared.example.expected,
      "\(declared.rule.definition.id): expected \(declared.example.expected.rawValue), got \(worst.rawValue): \(relevant.map { "\($0.environment ?? "all"): \($0.verdict.note) \($0.verdict.findings.map { "\($0.location): \($0.message)" })" })",
      sourceLocation: declared.sourceLocation)
    if declared.example.expected == .fail || declared.example.expected == .warn {
      let findings = relevant.flatMap(\.verdict.findings)
      #expect(!findings.isEmpty, "a failing verdict carries at least one finding", sourceLocation: declared.sourceLocation)
      let changed = Set(declared.example.edits.compactMap { Workspace.artifactPaths[$0.artifact] })
      if !changed.isEmpty {
        #expect(
          findings.contains { changed.contains($0.location.file) || $0.related.contains { changed.contains($0.location.file) } },
          "a finding is located in the changed file (\(changed.sorted().joined(separator: ", "))): \(findings.map(\.location))",
          sourceLocation: declared.sourceLocation)
      }
    }
  }
}

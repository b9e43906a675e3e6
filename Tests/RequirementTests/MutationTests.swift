import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// Every failing example of every rule is a mutation of this repository's compliant
/// files: applied to a copy and checked with the WHOLE catalogue, it must turn the rule's
/// requirement(s) to fail (or warn, for warning examples) with a finding in the mutated
/// file, and no other requirement except those the example names in `alsoFails`.
/// The unmutated files fail nothing (OwnRepositoryTests).
@Suite struct MutationTests {
  struct Mutation: Sendable, CustomTestStringConvertible {
    var rule: RuleDefinition
    var example: RuleExample
    var testDescription: String { "\(rule.id): \(example.summary)" }
  }

  static let mutations: [Mutation] = RuleCatalog.all.flatMap { rule in
    rule.definition.examples.filter { !$0.edits.isEmpty && ($0.expected == .fail || $0.expected == .warn) }
      .map { Mutation(rule: rule.definition, example: $0) }
  }

  @Test("mutation is killed by exactly its requirements", arguments: mutations)
  func mutation(_ mutation: Mutation) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    if let fixture = mutation.example.fixture { try workspace.overlay(fixture) }
    for edit in mutation.example.edits { try workspace.apply(edit) }
    let project = try workspace.load()
    let matrix = RequirementMatrix(
      catalogue: project.requirements, results: RuleEngine.run(RuleCatalog.all, on: project),
      environments: project.environments.map(\.scenario.environment), waivers: project.waivers, today: WaiverCheck.today)
    let expected: RequirementMatrix.Status = mutation.example.expected == .warn ? .warn : .fail
    let own = Set(mutation.rule.requirements.map(\.description))
    let rows = matrix.rows.filter { row in mutation.example.environment == nil || row.environment == nil || row.environment == mutation.example.environment }
    let killed = rows.filter { own.contains($0.requirement.id.description) && ($0.status == expected || $0.status == .fail) }
    #expect(!killed.isEmpty, "\(mutation.rule.id): no row of \(own.sorted()) turned \(expected.rawValue); rows: \(rows.filter { own.contains($0.requirement.id.description) }.map { "\($0.requirement.id) \($0.environment ?? "all") \($0.status.rawValue)" })",
            sourceLocation: SourceLocation(fileID: mutation.example.declaredAt.file, filePath: mutation.example.declaredAt.file, line: mutation.example.declaredAt.line, column: 1))
    guard !mutation.example.alsoFails.contains("*") else { return }
    let allowed = own.union(mutation.example.alsoFails)
    let others = rows.filter { $0.status == .fail && !allowed.contains($0.requirement.id.description) }
    #expect(others.isEmpty, "\(mutation.rule.id) (\(mutation.example.summary)) also fails \(others.map { "\($0.requirement.id) \($0.environment ?? "all"): \($0.findings.first?.message ?? $0.note)" })",
            sourceLocation: SourceLocation(fileID: mutation.example.declaredAt.file, filePath: mutation.example.declaredAt.file, line: mutation.example.declaredAt.line, column: 1))
  }

  @Test func everyStaticRuleHasAMutation() {
    for rule in RuleCatalog.all.map(\.definition) {
      #expect(Self.mutations.contains { $0.rule.id == rule.id }, "\(rule.id) has no failing mutation of this repository's files")
    }
  }
}

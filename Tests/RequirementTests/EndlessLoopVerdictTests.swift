import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// A deploy script that never leaves a loop before its deploy steps: every row about a
/// later step fails at the loop and says so, instead of calling the step missing.
@Suite struct EndlessLoopVerdictTests {
  @Test func rowsAfterAnEndlessLoopPointAtIt() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let marker = "# --- Names that other files must agree with"
    try workspace.apply(.edit(.deployScript, marker, "while true; do sleep 1; done\n" + marker))
    let script = try String(contentsOf: workspace.directory.appendingPathComponent("deploy.sh"), encoding: .utf8)
    let line = try #require(script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "while true; do sleep 1; done" }) + 1
    let project = try workspace.load()
    for id in ["11.1", "11.5", "11.7"] {
      let results = RuleEngine.run(RuleCatalog.all.filter { $0.definition.requirements.contains(RequirementID(id)!) }, on: project)
      let findings = results.flatMap { $0.verdict(for: RequirementID(id)!).findings }
      #expect(!findings.isEmpty, "\(id)")
      #expect(findings.allSatisfy { $0.location.line == line && $0.message.contains("never leaves the loop at deploy.sh:\(line)") }, "\(id): \(findings.map { "\($0.location): \($0.message)" })")
    }
  }
}

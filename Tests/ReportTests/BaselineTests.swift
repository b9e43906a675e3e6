import Diagnostics
import Foundation
import Testing
@testable import Rules

/// A baseline keyed by rule, file and logical path: moved lines stay known, new faults are new.
@Suite struct BaselineTests {
  @Test func onlyNewFindingsAreNew() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let before = try copy.matrix().reportedFindings
    let baseline = FindingBaseline(before, tool: "vibe-rules test")
    #expect(baseline.findings.contains(BaselineKey(rule: "task-ingress-from-alb", file: "infra/template.yaml", path: "Resources/TaskSecurityGroup/Properties/SecurityGroupIngress/0", message: nil)))
    #expect(baseline.findings.allSatisfy { ($0.path == nil) != ($0.message == nil) })

    // Round trip through the file format.
    let read = try FindingBaseline.parse(SourceText(file: "b.json", text: baseline.rendered()))
    #expect(read == baseline)

    // Lines move: nothing is new.
    try copy.edit("infra/template.yaml", "Parameters:\n", "# two lines that move\n# every finding below\nParameters:\n")
    let moved = try copy.matrix().reportedFindings
    #expect(moved.map(\.finding.location.line) != before.map(\.finding.location.line))
    #expect(read.new(in: moved).isEmpty)

    // A new fault is new; a fixed one is reported as no longer found.
    try copy.edit("infra/template.yaml", "ScanOnPush: true", "ScanOnPush: false")
    try copy.edit("infra/template.yaml", "RetentionInDays: 14", "RetentionInDays: 7")
    let after = try copy.matrix().reportedFindings
    #expect(read.new(in: after).map(\.finding.ruleID) == ["ecr-scan-on-push"])
    #expect(read.fixed(in: after).map(\.rule) == ["log-retention"])
  }

  /// `baseline write` and `baseline check` count the same thing (baseline entries): a
  /// finding that breaks two requirements is one entry, written once and accepted once.
  @Test func writeAndCheckCountEntriesAlike() throws {
    let binary = try #require(Tool.vibeRules)
    let copy = try Copy()
    defer { copy.remove() }
    try copy.edit("infra/template.yaml", "RetentionInDays: 7", "RetentionInDays: 14")
    let written = try Tool.run(binary, ["baseline", "write"], directory: copy.directory)
    #expect(written.status == 0)
    #expect(written.output.hasPrefix("wrote 1 finding to .vibe-rules-baseline.json"), "\(written.output)")
    try copy.edit("infra/template.yaml", "ScanOnPush: true", "ScanOnPush: false")
    let checked = try Tool.run(binary, ["baseline", "check"], directory: copy.directory)
    #expect(checked.status == 1)
    #expect(checked.output.hasSuffix("1 new finding, 1 accepted by the baseline, 0 baseline entries no longer found\n"), "\(checked.output)")
  }

  @Test func malformedBaselinesAreInputErrors() {
    #expect(throws: InputError.self) { try FindingBaseline.parse(SourceText(file: "b.json", text: "[]")) }
    #expect(throws: InputError.self) { try FindingBaseline.parse(SourceText(file: "b.json", text: #"{"version": 9, "tool": "x", "findings": []}"#)) }
  }
}

import Diagnostics
import Foundation
import ProjectModel
import Rules
import Testing

/// CRLF line endings and a UTF-8 byte-order mark in every checked file (as an editor on
/// Windows may save them) change nothing: the same requirement matrix, row for row. The
/// exceptions are in the deploy script: CRLF, which bash itself cannot run (rule
/// deploy-script-line-endings fails it: its own example and the test below), and a BOM,
/// which hides the `#!` line from the kernel (rule deploy-script-interpreter: its example).
@Suite struct LineEndingTests {
  static func statuses(_ matrix: RequirementMatrix) -> [String] {
    matrix.rows.map { "\($0.requirement.id) \($0.environment ?? "-") \($0.status)" }
  }

  @Test(arguments: [("CRLF", true, false), ("BOM", false, true), ("CRLF and BOM", true, true)])
  func repositoryWithCRLFOrBOMGivesTheSameMatrix(name: String, crlf: Bool, bom: Bool) throws {
    let plain = try TemporaryDirectory()
    let variant = try TemporaryDirectory()
    defer { plain.remove(); variant.remove() }
    try plain.copyDeploymentFiles()
    try variant.copyDeploymentFiles()
    for artifact in Paths.deploymentFiles {
      var text = try String(contentsOf: variant.file(artifact), encoding: .utf8)
      if crlf && artifact != "deploy.sh" { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
      try variant.write(artifact, (bom && artifact != "deploy.sh" ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
    }
    guard case .loaded(let expected) = Outcome.report(ProjectOptions(root: plain.path)) else {
      Issue.record("the plain copy did not load")
      return
    }
    let outcome = Outcome.report(ProjectOptions(root: variant.path))
    guard case .loaded(let matrix) = outcome else {
      Issue.record("\(name): \(outcome.error?.description ?? "")")
      return
    }
    #expect(Self.statuses(matrix) == Self.statuses(expected))
    let locations = { (matrix: RequirementMatrix) in matrix.rows.flatMap { $0.findings.map { "\($0.location)" } } }
    #expect(locations(matrix) == locations(expected))
  }

  @Test func crlfInTheDeployScriptFailsEveryDeployRequirementAtLineOne() throws {
    let variant = try TemporaryDirectory()
    defer { variant.remove() }
    try variant.copyDeploymentFiles()
    let text = try String(contentsOf: variant.file("deploy.sh"), encoding: .utf8)
    try variant.write("deploy.sh", Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    guard case .loaded(let matrix) = Outcome.report(ProjectOptions(root: variant.path)) else {
      Issue.record("the CRLF copy did not load")
      return
    }
    let failing = matrix.rows.filter { $0.status == .fail }
    #expect(Set(failing.map(\.requirement.id.description)) == ["2.3", "11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"])
    #expect(failing.flatMap(\.findings).contains { $0.ruleID == "deploy-script-line-endings" && $0.location.line == 1 && $0.location.file == "deploy.sh" })
  }
}

import Diagnostics
import Foundation
import ProjectModel
import Rules
import Testing

/// CRLF line endings and a UTF-8 byte-order mark in every checked file (as an editor on
/// Windows may save them) change nothing: the same requirement matrix, row for row.
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
      if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
      try variant.write(artifact, (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
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
}

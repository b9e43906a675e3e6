import Foundation
import Testing
@testable import Rules

/// A requirement some of whose rules cannot run for want of an artifact is not passed by
/// the rules that can: it needs evidence, and the row names what went unchecked.
@Suite struct AbsentArtifactTests {
  @Test func aRequirementPartlyCheckedForWantOfTheDockerfileNeedsEvidence() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try FileManager.default.removeItem(at: copy.directory.appendingPathComponent("docker/Dockerfile"))
    let matrix = try copy.matrix()
    let port = try #require(matrix.rows.first { $0.requirement.id.description == "4.3" })
    #expect(port.status == .needsEvidence)
    #expect(port.note.hasSuffix("not checked: container-port-agreement, which needs what is absent: no Dockerfile at docker/Dockerfile (use --dockerfile)"), "\(port.note)")
    // Every rule of 1.1 reads the Dockerfile: nothing is checked, so not applicable.
    #expect(matrix.rows.first { $0.requirement.id.description == "1.1" }?.status == .notApplicable)
    // The deploy script builds docker/Dockerfile all the same: that build fails.
    let build = try #require(matrix.rows.first { $0.requirement.id.description == "11.2" })
    #expect(build.status == .fail)
    #expect(build.findings.first?.message.hasPrefix("the docker build at line ") == true)
    #expect(build.findings.first?.message.hasSuffix(" builds docker/Dockerfile, which does not exist: the build fails") == true, "\(build.findings.first?.message ?? "")")
  }

  @Test func aRequirementWhoseRulesAllRunStillPasses() throws {
    let copy = try Copy()
    defer { copy.remove() }
    let matrix = try copy.matrix()
    #expect(matrix.rows.first { $0.requirement.id.description == "4.3" }?.status == .pass)
  }
}

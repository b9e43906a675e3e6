import Foundation
import Testing

/// Where the report goes: a write that fails is an error (exit 2), not a silent pass;
/// and no name for a checked file, a hard link to it included, is written to.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct OutputWriteTests {
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "no /dev/full"))
  func aFullDiskIsAnError() throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path, "--format", "sarif", "--output", "/dev/full"]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.hasPrefix("error: cannot write to --output /dev/full"), "\(result.standardError)")
  }

  @Test func aHardLinkToACheckedFileIsRefused() throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let template = directory.file("infra/template.yaml").path
    let before = try Data(contentsOf: URL(fileURLWithPath: template))
    let hardLink = directory.file("report.txt").path
    #expect(link(template, hardLink) == 0)
    let result = try #require(try Command.run(["report", "--root", directory.path, "--output", hardLink]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("a file this run checks"), "\(result.standardError)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == before)
  }
}

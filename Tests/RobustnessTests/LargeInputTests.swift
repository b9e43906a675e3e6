import Foundation
import Testing

/// Large inputs (over 256 KiB in all) are checked with one malloc arena and free the
/// project before the report is rendered, to keep the peak memory down; small ones keep
/// an arena per thread and the project until the process ends. Either way the report is
/// the same: the repository's files with 300 KB of comments appended to the template (no
/// line number moves) give the byte-identical report and exit status as without them,
/// whichever way the command line names the template.
@Suite struct LargeInputTests {
  @Test(arguments: [
    ["report"], ["report", "--format", "json"], ["check"],
  ])
  func aLargeTemplateGivesTheSameReportAsASmallOne(command: [String]) throws {
    let small = try TemporaryDirectory()
    defer { small.remove() }
    try small.copyDeploymentFiles()
    let large = try TemporaryDirectory()
    defer { large.remove() }
    try large.copyDeploymentFiles()
    let template = try String(contentsOf: small.file("infra/template.yaml"), encoding: .utf8)
    let padding = String(repeating: "# padding that only makes the template large, 300 KB in all, nothing else\n", count: 4_000)
    try large.write("infra/template.yaml", template + (template.hasSuffix("\n") ? "" : "\n") + padding)
    let largeBytes = try FileManager.default.attributesOfItem(atPath: large.file("infra/template.yaml").path)[.size] as? Int ?? 0
    #expect(largeBytes > 256 * 1024)

    guard let reference = try Command.run(command + ["--root", small.path]) else { return }
    #expect(reference.status == 0 || reference.status == 1, "\(reference.standardError)")
    for arguments in [
      ["--root", large.path],
      ["--root=\(large.path)", "--template=infra/template.yaml"],
      ["--template", large.file("infra/template.yaml").path, "--root", large.path],
    ] {
      guard let result = try Command.run(command + arguments) else { return }
      #expect(result.status == reference.status, "\(arguments): \(result.standardError)")
      #expect(result.standardError == reference.standardError)
      #expect(result.standardOutput == reference.standardOutput.replacingOccurrences(of: small.path, with: large.path))
    }
  }
}

import Foundation
import Testing
@testable import Rules

/// `--format sarif` or `junit` on files that do not load (exit 2): a report that says so
/// is still written, so a CI step uploading it (README, "In GitHub Actions") gets a valid
/// report with the error instead of failing on a missing file. A file that is not such a
/// report is never replaced by it: the run failed before it knew which files it checks.
@Suite(.enabled(if: Tool.vibeRules != nil, "the vibe-rules executable is not built beside the tests"))
struct FailedRunLogTests {
  /// A copy of this repository whose Dockerfile does not load (`unknown instruction: BOGUS`).
  static func brokenCopy() throws -> Copy {
    let copy = try Copy()
    try copy.edit("docker/Dockerfile", "\nFROM ", "\nBOGUS instruction\nFROM ")
    return copy
  }

  @Test(arguments: [["report"], ["check"]])
  func anInputErrorStillWritesASARIFLog(command: [String]) throws {
    let binary = try #require(Tool.vibeRules)
    let copy = try Self.brokenCopy()
    defer { copy.remove() }
    let output = copy.directory.appendingPathComponent("vibe-rules.sarif").path
    let run = try Tool.run(binary, command + ["--root", copy.root, "--format", "sarif", "--output", output])
    #expect(run.status == 2)
    #expect(run.error.hasPrefix("docker/Dockerfile:"), "\(run.error)")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(try Tool.validate(json: text, schema: Paths.sarifSchema) == [])
    let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let run0 = try #require((log["runs"] as? [[String: Any]])?.first)
    #expect((run0["results"] as? [Any])?.isEmpty == true)
    let invocation = try #require((run0["invocations"] as? [[String: Any]])?.first)
    #expect(invocation["executionSuccessful"] as? Bool == false)
    #expect(invocation["exitCode"] as? Int == 2)
    let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
    #expect((notification["message"] as? [String: Any])?["text"] as? String == "unknown instruction: BOGUS")
    let uri = (((notification["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"]
    #expect(uri as? String == "docker/Dockerfile")
  }

  /// A file there that is not a SARIF log (here the template the run checks) is left as
  /// it was; an earlier SARIF log is replaced.
  @Test func onlyASARIFLogIsReplaced() throws {
    let binary = try #require(Tool.vibeRules)
    let copy = try Self.brokenCopy()
    defer { copy.remove() }
    let template = copy.directory.appendingPathComponent("infra/template.yaml").path
    let before = try Data(contentsOf: URL(fileURLWithPath: template))
    let refused = try Tool.run(binary, ["report", "--root", copy.root, "--format", "sarif", "--output", template])
    #expect(refused.status == 2)
    #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == before)
    // The error, then a note that no log was written (an upload step would take the old file).
    let lines = refused.error.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("docker/Dockerfile:") == true, "\(refused.error)")
    #expect(lines.last == "note: the SARIF log of this failed run was not written: \(template) exists and is not an earlier SARIF log (.sarif or .json)", "\(refused.error)")
    let earlier = copy.directory.appendingPathComponent("old.sarif").path
    try #"{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}"#.write(toFile: earlier, atomically: true, encoding: .utf8)
    _ = try Tool.run(binary, ["report", "--root", copy.root, "--format", "sarif", "--output", earlier])
    #expect(try String(contentsOfFile: earlier, encoding: .utf8).contains("\"executionSuccessful\" : false"))
  }

  @Test func anInputErrorStillWritesAJUnitReport() throws {
    let binary = try #require(Tool.vibeRules)
    let copy = try Self.brokenCopy()
    defer { copy.remove() }
    let output = copy.directory.appendingPathComponent("vibe-rules.xml").path
    let run = try Tool.run(binary, ["report", "--root", copy.root, "--format", "junit", "--output", output])
    #expect(run.status == 2)
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.contains(#"<testsuites name="vibe-rules" tests="1" failures="0" errors="1">"#), "\(text)")
    #expect(text.contains(#"<error message="docker/Dockerfile:"#) && text.contains(#": error: unknown instruction: BOGUS" type="input-error"/>"#), "\(text)")
    if Tool.available("xmllint") {
      let outcome = try Tool.run("xmllint", ["--noout", "--schema", Paths.junitSchema.path, output])
      #expect(outcome.status == 0, "\(outcome.error)")
    }
    // The checked Dockerfile, which is no JUnit report, is left as it was.
    let dockerfile = copy.directory.appendingPathComponent("docker/Dockerfile").path
    let before = try Data(contentsOf: URL(fileURLWithPath: dockerfile))
    #expect(try Tool.run(binary, ["report", "--root", copy.root, "--format", "junit", "--output", dockerfile]).status == 2)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dockerfile)) == before)
  }

  /// A checked file made to look like a report (a REQUIREMENTS.md whose first line is a
  /// JUnit root; a JSON template named by `--template` with a SARIF `$schema`) is still
  /// never written: both had been replaced by the failure report.
  @Test func aCheckedFileThatLooksLikeAReportIsLeftAlone() throws {
    let binary = try #require(Tool.vibeRules)
    let copy = try Self.brokenCopy()
    defer { copy.remove() }
    let requirements = copy.directory.appendingPathComponent("REQUIREMENTS.md").path
    try copy.write("REQUIREMENTS.md", "<testsuites name=\"x\"></testsuites>\n" + (try String(contentsOfFile: requirements, encoding: .utf8)))
    let before = try Data(contentsOf: URL(fileURLWithPath: requirements))
    #expect(try Tool.run(binary, ["report", "--root", copy.root, "--format", "junit", "--output", requirements]).status == 2)
    #expect(try Data(contentsOf: URL(fileURLWithPath: requirements)) == before)
    try copy.write("template.json", #"{"$schema": "sarif", "Resources": {}}"#)
    let template = copy.directory.appendingPathComponent("template.json").path
    let templateBefore = try Data(contentsOf: URL(fileURLWithPath: template))
    for command in [["report"], ["check"]] {
      #expect(try Tool.run(binary, command + ["--root", copy.root, "--template", "template.json", "--format", "sarif", "--output", template]).status == 2)
      #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == templateBefore)
    }
  }
}

import Foundation
import Testing

/// A line break inside a value the output quotes (a config env name, a path) stays on its
/// line: it had split a one-line diagnostic or a table row in two, the second line reading
/// as a diagnostic of its own (`dir: error: fake`).
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct QuotedLineBreakTests {
  @Test(arguments: [["report", "--env", "de\nv: error: forged"], ["report", "--template", "/nonexistent\nx: error: forged/t.yaml"]])
  func anInputErrorIsOneLine(arguments: [String]) throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let result = try #require(try Command.run(arguments + ["--root", directory.path]))
    #expect(result.status == 2)
    #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    #expect(result.standardError.contains("\\u{A}"), "\(result.standardError)")
  }

  /// A samconfig env named with an escaped line feed (`["pr\nod".deploy.parameters]`,
  /// valid TOML) whose deploy fails: every format meant for reading keeps each row and
  /// finding on one line (JUnit: each line of a `<failure>`'s text; `cost`: each row).
  @Test(arguments: [(["report"], 1), (["report", "--format", "markdown"], 1), (["check"], 1), (["report", "--format", "junit"], 1), (["cost"], 0)] as [([String], Int32)])
  func anEnvNameWithALineFeedStaysOnItsLine(command: [String], status: Int32) throws {
    let directory = try ExitCodeTests.repository { copy in
      let path = copy.file("infra/samconfig.toml").path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try copy.write("infra/samconfig.toml", text.replacingOccurrences(of: "[prod.deploy.parameters]", with: #"["pr\nod".deploy.parameters]"#))
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(command + ["--root", directory.path]))
    #expect(result.status == status, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.contains { $0.contains("pr od") }, "\(result.standardOutput.prefix(400))")
    #expect(!lines.contains { $0.hasPrefix("od") }, "\(result.standardOutput)")
  }

  /// `debug deploy-script --env` prints a row per command: the env name, which the
  /// commands quote, keeps its line feed escaped.
  @Test func aDeployScriptDumpKeepsARowPerCommand() throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let result = try #require(try Command.run(["debug", "deploy-script", directory.file("deploy.sh").path, "--env", "pr\nod"]))
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.contains { $0.contains("pr\\u{A}od") }, "\(result.standardOutput.prefix(400))")
    #expect(!lines.contains { $0.hasPrefix("od") }, "\(result.standardOutput)")
  }
}

/// A report written to a file escapes control and bidirectional characters quoted from the
/// files as standard output does (it had written them raw: an ESC sequence in a Markdown
/// report acted on the terminal that showed it); the JSON stays valid and means the same.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct ReportFileEscapeTests {
  @Test(arguments: ["table", "markdown", "json", "sarif", "junit"])
  func aReportFileHoldsNoRawControls(format: String) throws {
    let directory = try ExitCodeTests.repository { copy in
      let path = copy.file("infra/template.yaml").path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try copy.write("infra/template.yaml", text.replacingOccurrences(of: "        - /ecs/vibejudge-dashboard\n", with: "        - \"/ecs/\\e[31mdash\\u202Eboa\\u2028rd\"\n"))
    }
    defer { directory.remove() }
    let output = directory.file("report.out").path
    let result = try #require(try Command.run(["report", "--root", directory.path, "--format", format, "--output", output]))
    #expect(result.status == 1, "\(result.standardError)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
    #expect(!bytes.contains(0x1B))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.unicodeScalars.contains("\u{202E}"))
    // U+2028 is folded in rows, escaped in JSON and XML (where it had been raw).
    #expect(!text.unicodeScalars.contains("\u{2028}"))
    #expect(text.contains("dash"), "the value is quoted")
    if format == "json" || format == "sarif" {
      #expect((try? JSONSerialization.jsonObject(with: bytes)) != nil)
      #expect(text.contains("\\u202E") && text.contains("\\u2028"))
    }
    if format == "junit" { #expect(text.contains("&#x2028;")) }
  }
}

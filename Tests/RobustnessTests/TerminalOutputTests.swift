import Foundation
import Testing

/// Text from a checked file never reaches the terminal as an escape sequence: a hostile
/// container port value (`ESC ] 0 ; owned BEL` retitles the terminal, `ESC [ 8 m`
/// conceals what follows) is printed as `\u{1B}...` text, with colour off (a pipe) and
/// with colour on (a terminal, through `script`), where the table's own status colours
/// still reach it as colours.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct TerminalOutputTests {
  static func hostileRepository() throws -> TemporaryDirectory {
    try ExitCodeTests.repository { directory in
      let file = directory.file("infra/template.yaml")
      let text = try String(contentsOf: file, encoding: .utf8)
      let hostile = text.replacingOccurrences(of: "            - ContainerPort: 8501\n", with: "            - ContainerPort: \"8501\\e]0;owned\\a\\e[8m\"\n")
      #expect(hostile != text)
      try directory.write("infra/template.yaml", hostile)
    }
  }

  @Test func escapeSequencesFromInputAreEscapedInAPipe() throws {
    let directory = try Self.hostileRepository()
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 1)
    #expect(result.standardOutput.contains("8501\\u{1B}]0;owned\\u{7}\\u{1B}[8m"))
    #expect(!result.standardOutput.unicodeScalars.contains("\u{1B}"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script(1) is not installed"))
  func inATerminalOnlyTheStatusColoursAreEscapeSequences() throws {
    let directory = try Self.hostileRepository()
    defer { directory.remove() }
    let binary = try #require(Paths.binary)
    let result = try #require(try Command.run(
      ["-qec", "'\(binary.path)' report --root '\(directory.path)'", "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"),
      environment: ["TERM": "xterm"]))
    let output = result.standardOutput
    #expect(output.contains("\u{1B}[31mfail"), "the fail status is painted red")
    #expect(output.contains("8501\\u{1B}]0;owned\\u{7}\\u{1B}[8m"))
    #expect(!output.contains("\u{1B}]0;owned"))
    #expect(!output.contains("\u{1B}[8m"))
  }
}

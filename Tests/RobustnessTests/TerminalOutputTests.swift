import Foundation
import Testing

/// Text from a checked file never reaches the terminal as an escape sequence: a hostile
/// container port value (`ESC ] 0 ; owned BEL` retitles the terminal, `ESC [ 8 m`
/// conceals what follows) is printed as `\u{1B}...` text, with colour off (a pipe) and
/// with colour on (a terminal, through `script`), where the table's own status colours
/// still reach it as colours.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct TerminalOutputTests {
  /// A copy of this repository whose container port is the YAML double-quoted `value`.
  static func repository(containerPort value: String) throws -> TemporaryDirectory {
    try ExitCodeTests.repository { directory in
      let file = directory.file("infra/template.yaml")
      let text = try String(contentsOf: file, encoding: .utf8)
      let hostile = text.replacingOccurrences(of: "            - ContainerPort: 8501\n", with: "            - ContainerPort: \"\(value)\"\n")
      #expect(hostile != text)
      try directory.write("infra/template.yaml", hostile)
    }
  }

  static func hostileRepository() throws -> TemporaryDirectory {
    try repository(containerPort: "8501\\e]0;owned\\a\\e[8m")
  }

  @Test func escapeSequencesFromInputAreEscapedInAPipe() throws {
    let directory = try Self.hostileRepository()
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 1)
    #expect(result.standardOutput.contains("8501\\u{1B}]0;owned\\u{7}\\u{1B}[8m"))
    #expect(!result.standardOutput.unicodeScalars.contains("\u{1B}"))
  }

  /// A port value with a right-to-left override (U+202E: the rest of the line would show
  /// reversed) and an isolate (U+2066). (YAML itself reads a C1 NEL as a line break and
  /// refuses the other C1 controls.)
  static func bidirectionalRepository() throws -> TemporaryDirectory {
    try repository(containerPort: "8501\u{202E}tcp\u{2066}")
  }

  static func containsUnsafeScalar(_ text: String) -> Bool {
    text.unicodeScalars.contains { [0x202E, 0x2066].contains($0.value) }
  }

  @Test func bidirectionalControlsAreEscapedInTheTable() throws {
    let directory = try Self.bidirectionalRepository()
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 1)
    #expect(result.standardOutput.contains("8501\\u{202E}tcp\\u{2066}"))
    #expect(!Self.containsUnsafeScalar(result.standardOutput))
  }

  /// In JSON and SARIF the same scalars are JSON escapes (`\u202E`): the output stays valid
  /// JSON and parses back to the value as written; in JUnit, XML character references.
  @Test(arguments: ["json", "sarif", "junit"])
  func machineReadableOutputEscapesInItsOwnSyntax(format: String) throws {
    let directory = try Self.bidirectionalRepository()
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path, "--format", format]))
    #expect(result.status == 1)
    #expect(!Self.containsUnsafeScalar(result.standardOutput))
    if format == "junit" {
      #expect(result.standardOutput.contains("8501&#x202E;tcp&#x2066;"))
    } else {
      #expect(result.standardOutput.contains("8501\\u202Etcp\\u2066"))
      let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
      let reserialized = try JSONSerialization.data(withJSONObject: parsed)
      #expect(String(decoding: reserialized, as: UTF8.self).contains("8501\u{202E}tcp\u{2066}"))
    }
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

  /// `NO_COLOR` turns colour off when it holds a value; set but empty, it does not
  /// (https://no-color.org).
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script(1) is not installed"),
    arguments: [("NO_COLOR=1", false), ("NO_COLOR=", true), ("", true)])
  func noColorWithAValueTurnsColourOff(assignment: String, coloured: Bool) throws {
    let directory = try Self.repository(containerPort: "8502")
    defer { directory.remove() }
    let binary = try #require(Paths.binary)
    let result = try #require(try Command.run(
      ["-qec", "\(assignment) '\(binary.path)' report --root '\(directory.path)'", "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"),
      environment: ["TERM": "xterm"]))
    #expect(result.standardOutput.contains("fail"))
    #expect(result.standardOutput.contains("\u{1B}[31mfail") == coloured)
  }
}

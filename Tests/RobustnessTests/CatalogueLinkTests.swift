import Foundation
import Testing

/// `explain` and `probe` load no project but read the requirement catalogue: they find and
/// check it as `report` does. A committed `REQUIREMENTS.md` linked out of the repository,
/// or a relative `--requirements` whose `..` steps out, is refused unread (both had quoted
/// the linked file in their parse error).
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct CatalogueLinkTests {
  static let commands: [[String]] = [["explain", "8.2"], ["probe", "http://127.0.0.1:9/", "--count", "1", "--timeout", "0.1"]]

  @Test(arguments: commands)
  func aLinkedCatalogueIsNotRead(command: [String]) throws {
    let outside = try OutputWriteTests.folderHoldingTheSecret()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { copy in
      try? FileManager.default.removeItem(atPath: copy.file("REQUIREMENTS.md").path)
      #expect(symlink(outside.file("credentials").path, copy.file("REQUIREMENTS.md").path) == 0)
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(command, currentDirectory: directory.url))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("REQUIREMENTS.md leads outside --root (a symbolic link)"), "\(result.standardError)")
    #expect(!result.standardError.contains(OutputWriteTests.secret) && !result.standardOutput.contains(OutputWriteTests.secret))
  }

  @Test(arguments: commands)
  func aRelativeCatalogueOutOfTheRootIsNotRead(command: [String]) throws {
    let outside = try OutputWriteTests.folderHoldingTheSecret()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let relative = "../\(outside.url.lastPathComponent)/credentials"
    let result = try #require(try Command.run(command + ["--requirements", relative], currentDirectory: directory.url))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("\(relative) leads outside --root (its `..` steps out"), "\(result.standardError)")
    #expect(!result.standardError.contains(OutputWriteTests.secret) && !result.standardOutput.contains(OutputWriteTests.secret))
  }

  /// The repository's own catalogue is still read: explain quotes its criterion.
  @Test func theRepositoryCatalogueIsRead() throws {
    let directory = try ExitCodeTests.repository { copy in
      let path = copy.file("REQUIREMENTS.md").path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try copy.write("REQUIREMENTS.md", text.replacingOccurrences(of: "### 8.2 ", with: "### 8.2 Renamed: "))
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(["explain", "8.2", "--root", directory.path]))
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("8.2 Renamed: "), "\(result.standardOutput.prefix(200))")
  }
}

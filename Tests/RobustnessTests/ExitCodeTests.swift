import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The built `vibe-rules` answers hostile input with exit status 2 and one located
/// diagnostic line, never a crash (a signal) or a stack trace. These run when the
/// executable was built beside the test bundle (`swift build` then `swift test`, as CI
/// does); the same inputs are checked through the library in the other suites.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct ExitCodeTests {
  static func repository(_ change: (TemporaryDirectory) throws -> Void) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.copyDeploymentFiles()
    try change(directory)
    return directory
  }

  static let hostile: [(name: String, file: String, change: @Sendable (TemporaryDirectory) throws -> Void)] = [
    ("100 MB template", "infra/template.yaml", { _ = truncate($0.file("infra/template.yaml").path, 100 * 1024 * 1024) }),
    ("alias bomb", "infra/template.yaml", { directory in
      try directory.write("infra/template.yaml", HostileTemplateTests.billionLaughs + "? *i\n: 1\nResources: {}\n")
    }),
    ("nesting 10^5 deep", "infra/template.yaml", { directory in
      try directory.write("infra/template.yaml", "Resources: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n")
    }),
    ("invalid UTF-8", "docker/Dockerfile", { directory in try directory.write("docker/Dockerfile", Array("FROM scratch\nRUN a".utf8) + [0xFF]) }),
    ("Dockerfile line over BuildKit's 65,535-byte scanner limit", "docker/Dockerfile", { directory in
      let dockerfile = try String(contentsOf: directory.file("docker/Dockerfile"), encoding: .utf8)
      try directory.write("docker/Dockerfile", dockerfile + "RUN echo " + String(repeating: "x", count: 70_000) + "\n")
    }),
    ("NUL byte", "deploy.sh", { directory in try directory.write("deploy.sh", Array("#!/bin/bash\necho \u{0}\n".utf8)) }),
    ("reference cycle", "infra/template.yaml", { directory in
      try directory.write("infra/template.yaml", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: A\n")
    }),
    ("toml++ assertion", "infra/samconfig.toml", { directory in try directory.write("infra/samconfig.toml", "version = 0.1\n[=dev.deploy.parameters]\n") }),
  ]

  @Test(arguments: hostile.map(\.name))
  func hostileInputExitsWithTwoAndOneDiagnostic(name: String) throws {
    let input = Self.hostile.first { $0.name == name }!
    let directory = try Self.repository(input.change)
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 2, "\(name): \(result.standardError)")
    #expect(isOneLocatedDiagnostic(result.standardError, file: input.file), "\(name): \(result.standardError)")
  }

  /// A diagnostic that quotes a 200,000-character flag name is cut at 1,000 characters,
  /// saying how many were left out.
  @Test func aDiagnosticQuotingAHugeTokenIsCut() throws {
    let directory = try Self.repository { directory in
      let dockerfile = try String(contentsOf: directory.file("docker/Dockerfile"), encoding: .utf8)
      // Continued over four physical lines: BuildKit reads none longer than 65,535 bytes.
      let flag = Array(repeating: String(repeating: "x", count: 50_000), count: 4).joined(separator: "\\\n")
      try directory.write("docker/Dockerfile", dockerfile + "COPY --" + flag + "=1 a b\n")
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 2)
    let first = try #require(result.standardError.split(separator: "\n").first)
    #expect(first.hasPrefix("docker/Dockerfile:"))
    #expect(first.count < 1_100)
    #expect(first.hasSuffix("more characters)"), "\(first.suffix(80))")
  }

  /// A UTF-16 Dockerfile (as Windows editors save one) is one located error that names
  /// the encoding, without the source-line excerpt: its line, NUL bytes and all, had
  /// printed as mojibake under "invalid UTF-8 byte 0xFF".
  @Test func aUTF16FileGetsNoMojibakeExcerpt() throws {
    let directory = try Self.repository { directory in
      let dockerfile = try String(contentsOf: directory.file("docker/Dockerfile"), encoding: .utf8)
      try directory.write("docker/Dockerfile", [0xFF, 0xFE] + Array(dockerfile.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 2)
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.count == 1, "\(result.standardError)")
    #expect(lines.first == "docker/Dockerfile:1:1: error: the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", "\(result.standardError)")
  }

  /// After a lone CR (a comment line `# note\rUSER x`), BuildKit's line numbers, which
  /// count LF only, and the excerpt's, which counted the CR too, disagree: the excerpt had
  /// quoted the line above the error. Such a file gets no excerpt.
  @Test func aLoneCRLeavesOutTheExcerpt() throws {
    let directory = try Self.repository { directory in
      var lines = try String(contentsOf: directory.file("docker/Dockerfile"), encoding: .utf8).components(separatedBy: "\n")
      lines.insert("# note\rUSER x", at: 3)
      lines.insert("BOGUS instruction", at: 5)
      try directory.write("docker/Dockerfile", lines.joined(separator: "\n"))
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 2)
    #expect(result.standardError == "docker/Dockerfile:6:1: error: unknown instruction: BOGUS\n", "\(result.standardError)")
  }

  /// `--root` naming a file says so, rather than that nothing is there.
  @Test func aRootThatIsAFileIsNotADirectory() throws {
    let directory = try Self.repository { _ in }
    defer { directory.remove() }
    let file = try #require(try Command.run(["report", "--root", directory.file("deploy.sh").path]))
    #expect(file.status == 2)
    #expect(file.standardError.hasPrefix("error: --root \(directory.file("deploy.sh").path): not a directory"), "\(file.standardError)")
    let missing = try #require(try Command.run(["report", "--root", directory.file("absent").path]))
    #expect(missing.status == 2)
    #expect(missing.standardError.contains(": no such directory"), "\(missing.standardError)")
  }

  /// A missing file given relative to `--root` names the path tried, which is not the one
  /// beside the current folder; with the root `.`, or an absolute path, the path given is
  /// the one tried and is named once.
  @Test func aMissingFileNamesThePathTried() throws {
    let directory = try Self.repository { _ in }
    defer { directory.remove() }
    let relative = try #require(try Command.run(["report", "--root", directory.path, "--template", "infra/absent.yaml"]))
    #expect(relative.status == 2)
    #expect(
      relative.standardError == "error: --template infra/absent.yaml: no such file (looked for \(directory.path)/infra/absent.yaml: a relative path is read from --root)\n",
      "\(relative.standardError)")
    // Repeated slashes and `.` elements are left out of the path named.
    let dotted = try #require(try Command.run(["report", "--root", directory.path + "//", "--template", "./infra/./absent.yaml"]))
    #expect(
      dotted.standardError == "error: --template ./infra/./absent.yaml: no such file (looked for \(directory.path)/infra/absent.yaml: a relative path is read from --root)\n",
      "\(dotted.standardError)")
    let absolute = try #require(try Command.run(["report", "--root", directory.path, "--template", directory.file("absent.yaml").path]))
    #expect(absolute.status == 2)
    #expect(absolute.standardError == "error: --template \(directory.file("absent.yaml").path): no such file\n", "\(absolute.standardError)")
  }

  /// A run from the wrong directory finds none of the artifacts: it must not pass.
  @Test(arguments: ["report", "check", "cost", "graph"])
  func nothingToCheckExitsWithTwo(_ command: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try #require(try Command.run([command, "--root", directory.path]))
    #expect(result.status == 2, "\(result.standardOutput)")
    #expect(result.standardError.hasPrefix("error: nothing to check under --root "), "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
  }

  @Test func thisRepositoryDoesNotExitWithTwo() throws {
    let directory = try Self.repository { _ in }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 0 || result.status == 1, "\(result.standardError)")
  }
}

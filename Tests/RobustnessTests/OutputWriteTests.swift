import Foundation
import ProjectModel
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

  /// A committed `vibe-rules.sarif -> somewhere` is not written through.
  @Test func aSymbolicLinkIsNotWrittenThrough() throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let outside = try TemporaryDirectory()
    defer { outside.remove() }
    try outside.write("victim.txt", "keep me\n")
    let victim = outside.file("victim.txt").path
    let link = directory.file("vibe-rules.sarif").path
    #expect(symlink(victim, link) == 0)
    let result = try #require(try Command.run(["report", "--root", directory.path, "--format", "sarif", "--output", link]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("is a symbolic link; vibe-rules does not write through links"), "\(result.standardError)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
  }

  /// A relative `--output` through a committed folder link (`reports -> elsewhere`) is
  /// refused, in a normal run and when the files do not load: it had been written outside
  /// the checkout. A path with `..` names its folder on purpose, and is followed.
  @Test func aRelativeOutputThroughALinkedFolderIsRefused() throws {
    let outside = try TemporaryDirectory()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { #expect(symlink(outside.path, $0.file("reports").path) == 0) }
    defer { directory.remove() }
    let here = URL(fileURLWithPath: directory.path)
    for arguments in [["report", "--format", "sarif"], ["report", "--format", "sarif", "--template", "absent.yaml"]] {
      let result = try #require(try Command.run(arguments + ["--output", "reports/x.sarif"], currentDirectory: here))
      #expect(result.status == 2, "\(result.standardError)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }
    let refused = try #require(try Command.run(["report", "--output", "reports/x.sarif"], currentDirectory: here))
    #expect(refused.standardError.contains("--output reports/x.sarif leads outside the current folder (a symbolic link on its path)"), "\(refused.standardError)")
    try FileManager.default.createDirectory(atPath: directory.file("real").path, withIntermediateDirectories: true)
    let parent = try #require(try Command.run(["report", "--output", "real/../x.txt"], currentDirectory: here))
    #expect(parent.status == 0, "\(parent.standardError)")
    #expect(FileManager.default.fileExists(atPath: directory.file("x.txt").path))
  }

  /// A FIFO where the report or the baseline goes is refused at once: opening it to write
  /// had waited for a reader for ever (`report --output`, `baseline write` at the default
  /// path or at `baseline:` of `.vibe-rules.yaml`); `baseline check` names what it is.
  @Test(arguments: [
    (["report", "--output", "out.fifo"], "", "--output out.fifo is a FIFO; vibe-rules writes reports only to regular files"),
    (["baseline", "write"], "", ".vibe-rules-baseline.json is a FIFO; vibe-rules writes reports only to regular files"),
    (["baseline", "write"], "baseline: base.json\n", "base.json is a FIFO; vibe-rules writes reports only to regular files"),
    (["baseline", "check"], "", ".vibe-rules-baseline.json is a FIFO, not a regular file"),
  ])
  func aFIFOIsRefusedNotWaitedOn(arguments: [String], configuration: String, message: String) throws {
    let directory = try ExitCodeTests.repository { directory in
      if !configuration.isEmpty { try directory.write(".vibe-rules.yaml", configuration) }
    }
    defer { directory.remove() }
    let fifo = configuration.isEmpty ? (arguments.first == "report" ? "out.fifo" : ".vibe-rules-baseline.json") : "base.json"
    #expect(mkfifo(directory.file(fifo).path, 0o644) == 0)
    let result = try #require(try Command.run(arguments + ["--root", directory.path], currentDirectory: URL(fileURLWithPath: directory.path)))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains(message), "\(result.standardError)")
  }

  /// `baseline: deploy.sh` in `.vibe-rules.yaml` names a checked file: refused at the
  /// entry's line, naming the entry (it had named `--baseline`, which was not given, and
  /// no place), and the script is unchanged.
  @Test func aConfiguredBaselineOnACheckedFileIsRefusedWhereItIsWritten() throws {
    let directory = try ExitCodeTests.repository { directory in try directory.write(".vibe-rules.yaml", "baseline: deploy.sh\n") }
    defer { directory.remove() }
    let script = directory.file("deploy.sh").path
    let before = try Data(contentsOf: URL(fileURLWithPath: script))
    let result = try #require(try Command.run(["baseline", "write", "--root", directory.path]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.hasPrefix(".vibe-rules.yaml:1:11: error: baseline: "), "\(result.standardError)")
    #expect(result.standardError.contains("a file this run checks"), "\(result.standardError)")
    #expect(!result.standardError.contains("--baseline"), "\(result.standardError)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: script)) == before)
  }

  /// A character device is written like a file: `--output /dev/null` keeps only the
  /// exit status.
  @Test func theNullDeviceTakesTheReport() throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path, "--output", "/dev/null"]))
    #expect(result.status != 2, "\(result.standardError)")
    #expect(result.standardError.isEmpty, "\(result.standardError)")
  }

  /// The secret a link out of the repository points at.
  static let secret = "AKIASECRET123"

  /// Runs `report` on a copy of this repository that `link` changes (given the copy and a
  /// folder outside it holding `credentials`, a secret), with `arguments(copy)` after
  /// `--root`, and expects the secret refused unread: exit 2, `refusal` in the error, and
  /// the secret in neither stream.
  static func expectRefusedUnread(
    _ refusal: String, arguments: (TemporaryDirectory) -> [String] = { _ in [] },
    link: (_ copy: TemporaryDirectory, _ outside: TemporaryDirectory) throws -> Void
  ) throws {
    let outside = try Self.folderHoldingTheSecret()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { try link($0, outside) }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path] + arguments(directory)))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains(refusal), "\(result.standardError)")
    #expect(!result.standardError.contains(secret) && !result.standardOutput.contains(secret))
  }

  /// A folder outside any repository holding `credentials`, the secret (the caller removes it).
  static func folderHoldingTheSecret() throws -> TemporaryDirectory {
    let outside = try TemporaryDirectory()
    try outside.write("credentials", "aws_access_key_id = \(secret)\n")
    return outside
  }

  /// `relative` in `copy` made a link to the secret (replacing the file there, if any).
  static func linkToSecret(_ relative: String, in copy: TemporaryDirectory, outside: TemporaryDirectory) {
    let path = copy.file(relative).path
    try? FileManager.default.removeItem(atPath: path)
    #expect(symlink(outside.file("credentials").path, path) == 0)
  }

  /// An artifact that is a symbolic link out of the repository is refused unread: its
  /// content never reaches a diagnostic.
  @Test(arguments: ["docker/Dockerfile", "infra/template.yaml", "REQUIREMENTS.md"])
  func anArtifactLinkedOutsideTheRootIsNotRead(artifact: String) throws {
    try Self.expectRefusedUnread("\(artifact) leads outside --root (a symbolic link)") { Self.linkToSecret(artifact, in: $0, outside: $1) }
  }

  /// The `debug` subcommands read the file they are given as `report` reads an artifact,
  /// the current folder taken as the repository: a committed link out of it is refused
  /// unread (a parse error had quoted the linked file).
  @Test(arguments: [["debug", "dockerfile", "docker/Dockerfile"], ["debug", "deploy-script", "docker/Dockerfile"]])
  func aDebugFileLinkedOutsideIsNotRead(arguments: [String]) throws {
    let outside = try Self.folderHoldingTheSecret()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { Self.linkToSecret("docker/Dockerfile", in: $0, outside: outside) }
    defer { directory.remove() }
    let result = try #require(try Command.run(arguments, currentDirectory: URL(fileURLWithPath: directory.path)))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("docker/Dockerfile leads outside the current folder (a symbolic link)"), "\(result.standardError)")
    #expect(!result.standardError.contains(Self.secret) && !result.standardOutput.contains(Self.secret))
  }

  /// A relative option path whose `..` steps out of the root is refused unread as well, and
  /// the message says so (it had blamed a symbolic link) and how to name such a file.
  @Test func aRelativePathOutOfTheRootIsRefusedForWhatItIs() throws {
    let outside = try Self.folderHoldingTheSecret()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let relative = "../\(outside.url.lastPathComponent)/credentials"
    let result = try #require(try Command.run(["report", "--root", directory.path, "--dockerfile", relative]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("\(relative) leads outside --root (its `..` steps out of the repository; name a file outside it by its absolute path)"), "\(result.standardError)")
    #expect(!result.standardError.contains(Self.secret) && !result.standardOutput.contains(Self.secret))
  }

  /// So are the ignore files found beside the Dockerfile and in the build context, and an
  /// artifact named by an absolute path into the repository (`--dockerfile $PWD/...`).
  @Test(arguments: [("docker/Dockerfile.dockerignore", false), (".dockerignore", false), ("docker/Dockerfile", true)])
  func linksFoundOrNamedAbsolutelyAreNotRead(artifact: String, absolute: Bool) throws {
    try Self.expectRefusedUnread("leads outside --root", arguments: { absolute ? ["--dockerfile", $0.file(artifact).path] : [] }) {
      Self.linkToSecret(artifact, in: $0, outside: $1)
    }
  }

  /// An absolute path written under the root reaches outside through a linked folder of
  /// the repository (`sys -> /etc`): refused too (it had been read as named on purpose).
  @Test func anAbsolutePathThroughALinkedFolderIsNotRead() throws {
    try Self.expectRefusedUnread("sys/credentials leads outside --root (a symbolic link on its path)", arguments: { ["--samconfig", $0.file("sys/credentials").path] }) { copy, outside in
      #expect(symlink(outside.path, copy.file("sys").path) == 0)
    }
  }

  /// The same path reached through a workspace that is itself a link to the repository
  /// (`ws -> repo`, then `ws/sys/credentials` with `sys -> /outside`): written under
  /// neither the root nor a folder inside it, it had been taken for a file named outside
  /// on purpose, read, and quoted.
  @Test func aPathThroughALinkedWorkspaceIsNotRead() throws {
    let workspace = try TemporaryDirectory()
    defer { workspace.remove() }
    try Self.expectRefusedUnread("leads outside --root (a symbolic link on its path)", arguments: { copy in
      #expect(symlink(copy.path, workspace.file("ws").path) == 0)
      return ["--dockerfile", workspace.file("ws/sys/credentials").path]
    }) { copy, outside in
      #expect(symlink(outside.path, copy.file("sys").path) == 0)
    }
  }

  /// `baseline:` of `.vibe-rules.yaml` through a committed folder link (`sec -> elsewhere`)
  /// is refused: `baseline write` had overwritten the file outside the repository.
  @Test func aConfiguredBaselineThroughALinkedFolderIsNotWritten() throws {
    let outside = try TemporaryDirectory()
    defer { outside.remove() }
    try outside.write("victim.txt", "IMPORTANT\n")
    let directory = try ExitCodeTests.repository { directory in
      #expect(symlink(outside.path, directory.file("sec").path) == 0)
      try directory.write(".vibe-rules.yaml", "baseline: sec/victim.txt\n")
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(["baseline", "write", "--root", directory.path]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("leads outside --root"), "\(result.standardError)")
    #expect(try String(contentsOfFile: outside.file("victim.txt").path, encoding: .utf8) == "IMPORTANT\n")
  }

  /// A baseline that is a committed link out of the repository (the default file, or one
  /// `.vibe-rules.yaml` names, directly or through a folder link) is refused unread by
  /// every command that reads it: `baseline check` had quoted the linked file, and `check`
  /// had read a configured one as if given by `--baseline`.
  @Test(arguments: [
    (["baseline", "check"], nil as String?, false), (["baseline", "check"], ".vibe-rules-baseline.json", false),
    (["check"], ".vibe-rules-baseline.json", false), (["check"], "sec/credentials", true), (["baseline", "check"], "sec/credentials", true),
  ])
  func aBaselineLinkedOutsideIsNotRead(command: [String], configured: String?, throughFolder: Bool) throws {
    let outside = try Self.folderHoldingTheSecret()
    defer { outside.remove() }
    let directory = try ExitCodeTests.repository { copy in
      if throughFolder {
        #expect(symlink(outside.path, copy.file("sec").path) == 0)
      } else {
        #expect(symlink(outside.file("credentials").path, copy.file(".vibe-rules-baseline.json").path) == 0)
      }
      if let configured { try copy.write(".vibe-rules.yaml", "baseline: \(configured)\n") }
    }
    defer { directory.remove() }
    let result = try #require(try Command.run(command + ["--root", directory.path]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("leads outside --root"), "\(result.standardError)")
    #expect(!result.standardError.contains(Self.secret) && !result.standardOutput.contains(Self.secret))
  }

  /// `check --output` naming the baseline the run reads is refused: it had replaced the
  /// baseline with the report.
  @Test(arguments: [true, false])
  func checkDoesNotWriteOverItsBaseline(configured: Bool) throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let baseline = directory.file(".vibe-rules-baseline.json").path
    let written = try #require(try Command.run(["baseline", "write", "--root", directory.path]))
    #expect(written.status == 0, "\(written.standardError)")
    if configured { try directory.write(".vibe-rules.yaml", "baseline: .vibe-rules-baseline.json\n") }
    let before = try Data(contentsOf: URL(fileURLWithPath: baseline))
    let result = try #require(try Command.run(["check", "--root", directory.path, "--format", "json", "--output", baseline] + (configured ? [] : ["--baseline", ".vibe-rules-baseline.json"])))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("a file this run checks"), "\(result.standardError)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: baseline)) == before)
  }

  /// A root named relative to a folder it is not under (`--root ../repo`) is checked
  /// against itself, not the current folder: its own `.dockerignore` is read (it had been
  /// refused as leading outside --root).
  @Test func aRelativeRootOutsideTheCurrentFolderReadsItsOwnIgnoreFile() throws {
    let directory = try ExitCodeTests.repository { _ in }
    defer { directory.remove() }
    let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
    let relative = String(repeating: "../", count: depth) + directory.path.drop { $0 == "/" }
    let project = try Project.load(ProjectOptions(root: relative))
    #expect(project.dockerignoreFile != nil)
  }

  /// `.vibe-rules.yaml` travels with the repository: its paths stay inside it.
  @Test(arguments: ["template: /etc/passwd", "baseline: ../../tmp/x.json", "evidence: [../outside.json]"])
  func configurationPathsStayInsideTheRepository(line: String) throws {
    let directory = try ExitCodeTests.repository { directory in try directory.write(".vibe-rules.yaml", line + "\n") }
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("must be a path inside the repository"), "\(result.standardError)")
  }
}

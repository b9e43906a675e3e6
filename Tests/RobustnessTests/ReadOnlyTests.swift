import Diagnostics
import Foundation
import ProjectModel
import Rules
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Checking never writes to the checked repository: after `Project.load` and the whole
/// rule catalogue, every file and folder has the same bytes, permissions and
/// modification time, and no file was added or removed. (deploy.sh is parsed, never run:
/// a script that would write a marker file when executed leaves none.)
@Suite struct ReadOnlyTests {
  struct Snapshot: Equatable {
    var entries: [String: String]
  }

  /// Path → size, mode, modification time in nanoseconds and the whole content.
  static func snapshot(_ root: String) throws -> Snapshot {
    var entries: [String: String] = [:]
    let paths = try FileManager.default.subpathsOfDirectory(atPath: root)
    for relative in paths {
      let path = root + "/" + relative
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      var line = "\(info.st_size) \(String(info.st_mode, radix: 8)) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
      if (info.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: path) {
        line += " " + data.base64EncodedString()
      }
      entries[relative] = line
    }
    return Snapshot(entries: entries)
  }

  @Test func checkingLeavesEveryFileUntouched() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    // A deploy script that, if it were ever executed, would leave a marker behind.
    let marker = directory.file("executed-marker").path
    var script = try String(contentsOf: directory.file("deploy.sh"), encoding: .utf8)
    script = script.replacingOccurrences(of: "\n", with: "\ntouch '\(marker)'\n", options: [], range: script.range(of: "\n"))
    try directory.write("deploy.sh", script)
    // Read-only files and folders (for a non-root user this also makes writing fail).
    for relative in try FileManager.default.subpathsOfDirectory(atPath: directory.path).reversed() {
      let path = directory.file(relative).path
      var info = stat()
      _ = lstat(path, &info)
      _ = chmod(path, (info.st_mode & S_IFMT) == S_IFDIR ? 0o555 : 0o444)
    }
    let before = try Self.snapshot(directory.path)
    let project = try Project.load(ProjectOptions(root: directory.path))
    #expect(project.deployScript != nil)
    #expect(project.template != nil)
    let matrix = try ProjectEvaluation.matrix(for: project, today: "2026-01-01")
    #expect(!matrix.rows.isEmpty)
    let after = try Self.snapshot(directory.path)
    #expect(after == before)
    #expect(!FileManager.default.fileExists(atPath: marker))
  }

  /// An output path that is one of the checked files (named directly, through `..`, or
  /// through a symbolic link) is refused with exit 2 and the file is left as it was;
  /// any other path is written.
  @Test(arguments: [
    ["report", "--output", "infra/template.yaml"],
    ["report", "--format", "json", "--output", "infra/../infra/template.yaml"],
    ["check", "--output", "link-to-samconfig.toml"],
    ["cost", "--output", "docker/Dockerfile"],
    ["baseline", "write", "--baseline", "deploy.sh"],
    ["report", "--output", "streamlit_ui/app.py"],
  ])
  func outputOverACheckedFileIsRefused(_ arguments: [String]) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    #expect(symlink("infra/samconfig.toml", directory.file("link-to-samconfig.toml").path) == 0)
    let before = try Self.snapshot(directory.path)
    let relative = arguments.map { $0.contains("/") || $0.hasSuffix(".toml") || $0 == "deploy.sh" ? directory.file($0).path : $0 }
    let result = try #require(try Command.run(relative + ["--root", directory.path]))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("a file this run checks; vibe-rules never writes to the files it checks"), "\(result.standardError)")
    #expect(try Self.snapshot(directory.path) == before)
    let written = try #require(try Command.run(["report", "--root", directory.path, "--output", directory.file("report.txt").path]))
    #expect(written.status == 0)
    #expect(try String(contentsOf: directory.file("report.txt"), encoding: .utf8).contains("1.1"))
  }

  /// `probe` loads no project: run in a repository, it spares the files a run there reads
  /// by default (`--output deploy.sh` had replaced the script with the evidence JSON).
  @Test(arguments: ["deploy.sh", "infra/template.yaml", "REQUIREMENTS.md"])
  func probeOutputOverADefaultInputIsRefused(_ output: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    let before = try Self.snapshot(directory.path)
    let arguments = ["probe", "http://127.0.0.1:9/", "--count", "1", "--timeout", "0.5", "--output", output]
    let result = try #require(try Command.run(arguments, currentDirectory: URL(fileURLWithPath: directory.path)))
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("a file this run checks; vibe-rules never writes to the files it checks"), "\(result.standardError)")
    #expect(try Self.snapshot(directory.path) == before)
  }
}

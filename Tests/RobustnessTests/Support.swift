import Diagnostics
import Foundation
import ProjectModel
import Rules

#if canImport(Glibc)
import Glibc
#endif

/// Paths to this repository, the shared material beside it and the built `vibe-rules`.
enum Paths {
  /// The package root: three levels up from this file.
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
  static let fuzzRegressions = repository.appendingPathComponent("Fuzz/Regressions")

  /// The deployment files `vibe-rules report` reads by default.
  static let deploymentFiles = [
    "REQUIREMENTS.md", "infra/template.yaml", "infra/samconfig.toml", "docker/Dockerfile", ".dockerignore", "deploy.sh",
  ]

  /// The `vibe-rules` executable of the same build as this test bundle (SwiftPM puts
  /// products next to `<package>PackageTests.xctest`); nil when it was not built.
  static let binary: URL? = {
    var candidates: [URL] = []
    if let argument = CommandLine.arguments.first {
      candidates.append(URL(fileURLWithPath: argument).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    for directory in candidates {
      let binary = directory.appendingPathComponent("vibe-rules")
      if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    return nil
  }()
}

/// A temporary directory, removed by `remove()`.
struct TemporaryDirectory {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-robustness-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() {
    // Give back write and search permission first, or an unreadable directory stays.
    _ = try? FileManager.default.subpathsOfDirectory(atPath: path).forEach { chmod(url.appendingPathComponent($0).path, 0o755) }
    try? FileManager.default.removeItem(at: url)
    // A tree deeper than PATH_MAX (the long-path test builds one) defeats removeItem;
    // rm(1) walks it with directory descriptors.
    if FileManager.default.fileExists(atPath: path) {
      let rm = Process()
      rm.executableURL = URL(fileURLWithPath: "/bin/rm")
      rm.arguments = ["-rf", "--", path]
      try? rm.run()
      rm.waitUntilExit()
    }
  }

  func file(_ relative: String) -> URL { url.appendingPathComponent(relative) }

  /// Writes `bytes` to `relative`, creating folders.
  func write(_ relative: String, _ bytes: [UInt8]) throws {
    let target = file(relative)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
  }

  func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

  /// Copies this repository's deployment files (and `streamlit_ui/`, the build context's
  /// sources) into the directory.
  func copyDeploymentFiles() throws {
    for relative in Paths.deploymentFiles + ["streamlit_ui"] {
      let source = Paths.repository.appendingPathComponent(relative)
      guard FileManager.default.fileExists(atPath: source.path) else { continue }
      let target = file(relative)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: source, to: target)
    }
  }
}

/// The result of loading files through the library: the project's matrix, or the error.
enum Outcome {
  case loaded(RequirementMatrix)
  case rejected(InputError)

  var error: InputError? { if case .rejected(let error) = self { error } else { nil } }

  /// `Project.load` then the whole rule catalogue, as `vibe-rules report` does.
  static func report(_ options: ProjectOptions) -> Outcome {
    do {
      let project = try Project.load(options)
      return .loaded(try ProjectEvaluation.matrix(for: project, today: "2026-01-01"))
    } catch {
      return .rejected(error)
    }
  }
}

/// A finished run of the built `vibe-rules`.
struct CommandResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

enum Command {
  /// Runs the built `vibe-rules` (or `executable`) with `arguments`; nil when the binary
  /// was not built. `environment` entries are set over this process's environment, with
  /// NO_COLOR removed. Output goes to files, so a large report cannot block on a full pipe.
  static func run(_ arguments: [String], executable: URL? = nil, environment: [String: String]? = nil, currentDirectory: URL? = nil) throws -> CommandResult? {
    guard let binary = executable ?? Paths.binary else { return nil }
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    if let environment {
      var merged = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
      merged["NO_COLOR"] = nil
      process.environment = merged
    }
    _ = FileManager.default.createFile(atPath: directory.file("out").path, contents: nil)
    _ = FileManager.default.createFile(atPath: directory.file("err").path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: directory.file("out"))
    process.standardError = try FileHandle(forWritingTo: directory.file("err"))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus,
      standardOutput: (try? String(contentsOf: directory.file("out"), encoding: .utf8)) ?? "",
      standardError: (try? String(contentsOf: directory.file("err"), encoding: .utf8)) ?? "")
  }
}

/// `file:line:column: error: message`, the line every input error prints first; the
/// command line may follow it with the source line and a caret (each indented by four
/// spaces), and nothing else: no crash report, no stack trace.
func isOneLocatedDiagnostic(_ text: String, file: String) -> Bool {
  let lines = text.split(separator: "\n")
  guard (1...3).contains(lines.count), let line = lines.first else { return false }
  let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
  return parts.count == 5 && parts[0].hasSuffix(file) && Int(parts[1]) != nil && Int(parts[2]) != nil && parts[3] == " error"
    && lines.dropFirst().allSatisfy { $0.hasPrefix("    ") }
}

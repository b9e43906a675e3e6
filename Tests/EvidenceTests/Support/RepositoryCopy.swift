import Diagnostics
import Foundation
import ProjectModel

/// A temporary copy of this repository's deployment files, with textual edits, loaded as
/// a project. Removed by `remove()`.
struct RepositoryCopy {
  /// The package root: three levels up from Tests/EvidenceTests/Support/RepositoryCopy.swift.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let files = ["REQUIREMENTS.md", "infra", "docker", ".dockerignore", "deploy.sh", "streamlit_ui"]

  let directory: URL

  /// Copies the files, then replaces each `(file, find, replacement)`; `find` must occur.
  init(_ edits: [(file: String, find: String, replacement: String)] = []) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-evidence-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for name in Self.files where FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(name).path) {
      try FileManager.default.copyItem(at: Self.root.appendingPathComponent(name), to: directory.appendingPathComponent(name))
    }
    for edit in edits {
      let file = directory.appendingPathComponent(edit.file)
      let text = try String(contentsOf: file, encoding: .utf8)
      guard text.contains(edit.find) else { throw CopyError.stale("\(edit.file) does not contain \(edit.find.debugDescription)") }
      try text.replacingOccurrences(of: edit.find, with: edit.replacement).write(to: file, atomically: true, encoding: .utf8)
    }
  }

  func load(_ configure: (inout ProjectOptions) -> Void = { _ in }) throws -> Project {
    var options = ProjectOptions(root: directory.path)
    configure(&options)
    return try Project.load(options)
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  enum CopyError: Error { case stale(String) }
}

/// A scratch directory for files a test makes.
struct ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-scratch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

  /// Writes `data` at `relative`, creating folders.
  @discardableResult
  func write(_ relative: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file.path
  }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> String { try write(relative, Data(text.utf8)) }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs a program to completion (for `tar`, `gzip`, `sha256sum`) and returns its standard
/// output; throws when it exits non-zero.
@discardableResult
func run(_ program: String, _ arguments: [String], in directory: String? = nil) throws -> Data {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [program] + arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let output = Pipe()
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw RunError.failed("\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
  return data
}

enum RunError: Error { case failed(String) }

import Diagnostics
import Foundation
import ProjectModel
@testable import Rules

/// A temporary copy of this repository's deployment files, changed as an example says,
/// loaded as a project.
struct Workspace {
  /// The package root (this repository), found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let sharedRoot = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

  /// The deployment files a rule may read, relative to the root.
  static let deploymentFiles = ["REQUIREMENTS.md", "infra", "docker", ".dockerignore", "deploy.sh", "streamlit_ui"]

  static let artifactPaths: [Artifact: String] = [
    .template: "infra/template.yaml", .samconfig: "infra/samconfig.toml", .dockerfile: "docker/Dockerfile",
    .dockerignore: ".dockerignore", .deployScript: "deploy.sh", .requirements: "REQUIREMENTS.md",
    .evidence: "evidence/evidence.json",
  ]

  let directory: URL

  /// Copies the deployment files into a new temporary directory.
  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for name in Self.deploymentFiles {
      let source = Self.repositoryRoot.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: source.path) else { continue }
      try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent(name))
    }
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// Copies the files of `folder` (relative to the repository, or `shared/...`) over the workspace.
  func overlay(_ folder: String) throws {
    let source = folder.hasPrefix("shared/")
      ? Self.sharedRoot.appendingPathComponent(String(folder.dropFirst("shared/".count)))
      : Self.repositoryRoot.appendingPathComponent(folder)
    let enumerator = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
    while let file = enumerator?.nextObject() as? URL {
      guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      let relative = String(file.path.dropFirst(source.path.count + 1))
      let target = directory.appendingPathComponent(relative)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
      try FileManager.default.copyItem(at: file, to: target)
    }
  }

  /// Applies one edit; throws when the text to replace does not occur (a stale example).
  func apply(_ edit: RuleExample.Edit) throws {
    guard let relative = Self.artifactPaths[edit.artifact] else { throw WorkspaceError.noFile(edit.artifact.rawValue) }
    let file = directory.appendingPathComponent(relative)
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    guard edit.find.isEmpty || text.contains(edit.find) else {
      throw WorkspaceError.staleEdit("\(relative) does not contain \(edit.find.debugDescription)")
    }
    let changed = edit.find.isEmpty ? text + edit.replacement : text.replacingOccurrences(of: edit.find, with: edit.replacement)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    if edit.replacement.isEmpty && edit.find == text {
      try FileManager.default.removeItem(at: file)
    } else {
      try changed.write(to: file, atomically: true, encoding: .utf8)
    }
  }

  /// Loads the workspace; an evidence file an example wrote (`docker image inspect` JSON
  /// or a `vibe-rules probe` result) is passed as `--evidence`, which recognises its kind.
  func load() throws(InputError) -> Project {
    var options = ProjectOptions(root: directory.path)
    let evidence = Self.artifactPaths[.evidence]!
    if FileManager.default.fileExists(atPath: directory.appendingPathComponent(evidence).path) { options.evidence = [evidence] }
    return try Project.load(options)
  }

  enum WorkspaceError: Error, CustomStringConvertible {
    case staleEdit(String)
    case noFile(String)
    var description: String {
      switch self {
      case .staleEdit(let message): "stale example: \(message)"
      case .noFile(let artifact): "no file for artifact \(artifact)"
      }
    }
  }
}

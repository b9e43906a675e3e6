import Diagnostics
import Foundation
@testable import DockerfileModel

/// Paths and helpers shared by the DockerfileModel tests.
enum TestSupport {
  /// The package root, found from this file's path (`Tests/DockerfileModelTests/…`).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/corpus/buildkit-parser` relative to the package root.
  static let corpus: URL = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/corpus/buildkit-parser")

  /// The case folders under `corpus/<folder>`, sorted; empty if the corpus is missing.
  static func caseNames(in folder: String) -> [String] {
    let directory = corpus.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { FileBytes.isDirectory(directory.appendingPathComponent($0).path) }.sorted()
  }

  static func source(_ text: String, file: String = "Dockerfile") -> SourceText {
    SourceText(file: file, text: text)
  }

  static func parse(_ text: String) throws(InputError) -> Dockerfile {
    try Dockerfile.parse(source(text))
  }

  static func syntax(_ text: String) throws(InputError) -> DockerfileSyntax {
    try DockerfileSyntax.parse(source(text))
  }

  /// The error `body` throws, or nil.
  static func inputError(_ body: () throws(InputError) -> Void) -> InputError? {
    do {
      try body()
      return nil
    } catch {
      return error
    }
  }

  /// A fresh, empty temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("dockerfile-model-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

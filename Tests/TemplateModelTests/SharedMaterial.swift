import Diagnostics
import Foundation

/// Paths to the shared material CI keeps beside the clone (`../shared`).
enum SharedMaterial {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// Rows of a tab-separated file with a header line, as dictionaries.
  static func tsv(_ relative: String) -> [[String: String]] {
    guard let text = try? String(contentsOf: url(relative), encoding: .utf8) else { return [] }
    var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst()
    return lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  static func source(_ relative: String) throws -> SourceText {
    try SourceText.read(path: url(relative).path, displayName: relative)
  }
}

import Diagnostics
import ProjectModel

/// The file a `debug` subcommand is given, read as `report` reads an artifact, with the
/// current folder as the repository: a committed link out of it (`docker/Dockerfile ->
/// ~/.aws/credentials`) is refused unread, where a parse error would have quoted the
/// linked file into a CI log. A file outside the folder, named by its absolute path, is
/// read as named.
enum DebugFile {
  /// - Throws: `InputError` for a missing file, a link out of the current folder, or a
  ///   file that cannot be read or decoded.
  static func source(_ given: String) throws(InputError) -> SourceText {
    guard let file = try ArtifactFile.resolve(given, fallback: "", root: ".", option: "FILE", rootName: "the current folder") else {
      throw InputError("FILE \(given): no such file", at: nil)
    }
    return try file.source()
  }
}

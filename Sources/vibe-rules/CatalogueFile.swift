import Diagnostics
import ProjectModel
import Requirements

/// The requirement catalogue of the commands that load no project (`explain`, `probe`),
/// found and checked as `report` finds and checks it: `--requirements` relative to the
/// root, else `REQUIREMENTS.md` in the root, else the built-in catalogue. A committed link
/// out of the repository, or a relative path whose `..` steps out, is refused unread.
enum CatalogueFile {
  /// - Throws: `InputError` for a named file that does not exist, a path leading outside
  ///   the root, or a catalogue that does not parse.
  static func load(_ given: String?, root: String) throws(InputError) -> RequirementCatalogue {
    guard let file = try ArtifactFile.resolve(given, fallback: ProjectOptions.defaultRequirements, root: root, option: "--requirements") else {
      return .builtIn
    }
    return try RequirementCatalogue.parse(file.source())
  }
}

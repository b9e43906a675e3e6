import Foundation

/// The files a pre-commit hook (or an editor) says changed, named as diagnostics name
/// them: relative to the checked root.
public enum ChangedFiles {
  /// The changed files whose findings a check reports (`normalize`), or nil for every
  /// finding when one of them is among `deciding`: the requirement catalogue and the
  /// configuration set every rule's values, waivers and settings (a new `desired-count`
  /// in REQUIREMENTS.md is a finding in the template), so a change to either concerns all.
  public static func selection(
    _ paths: [String], root: String, deciding: [String], currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> Set<String>? {
    let files = normalize(paths, root: root, currentDirectory: currentDirectory)
    return files.isDisjoint(with: normalize(deciding, root: root, currentDirectory: currentDirectory)) ? files : nil
  }

  /// `paths` as given on the command line (relative to the current directory, or
  /// absolute), made relative to `root` where they lie under it; others are kept as given.
  public static func normalize(_ paths: [String], root: String, currentDirectory: String = FileManager.default.currentDirectoryPath) -> Set<String> {
    let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
    let rootPath = URL(fileURLWithPath: root, isDirectory: true, relativeTo: base).standardizedFileURL.path
    let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
    return Set(paths.map { path in
      let absolute = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
      if absolute.hasPrefix(prefix) { return String(absolute.dropFirst(prefix.count)) }
      var relative = path
      while relative.hasPrefix("./") { relative.removeFirst(2) }
      return relative
    })
  }
}

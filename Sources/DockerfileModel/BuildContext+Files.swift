extension BuildContext {
  /// The files below `folder` (context-relative, `""` for the context root) whose names
  /// end in `suffix`, as context-relative paths, at most `limit` of them. Hidden files
  /// and folders (names starting with `.`) and symbolic links are skipped (a link could
  /// lead out of the context), and the walk stops at `maximumEntries` entries.
  /// Plain directory reads: no file attributes, so no user or group lookups.
  public static func files(below folder: String, in contextDirectory: String, suffix: String, limit: Int) -> [String] {
    let root = folder.isEmpty ? contextDirectory : contextDirectory + "/" + folder
    var files: [String] = []
    for entry in ContextWalker(root: root, limit: maximumEntries, skippingHidden: true).entries
    where !entry.isDirectory && !entry.isSymbolicLink && entry.path.hasSuffix(suffix) {
      guard files.count < limit else { break }
      files.append(folder.isEmpty ? entry.path : folder + "/" + entry.path)
    }
    return files
  }
}

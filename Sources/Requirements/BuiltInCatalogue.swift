import Diagnostics

extension RequirementCatalogue {
  /// The catalogue compiled into vibe-rules: this repository's own REQUIREMENTS.md
  /// (embedded at build time through a symbolic link, so the two cannot drift). Used
  /// when a checked repository has no REQUIREMENTS.md, and for values a repository's
  /// catalogue leaves out.
  public static let builtIn: RequirementCatalogue = {
    let text = String(decoding: PackageResources.REQUIREMENTS_md, as: UTF8.self)
    do {
      return try parse(SourceText(file: "built-in REQUIREMENTS.md", text: text))
    } catch {
      // The embedded file is checked by the test suite; an empty catalogue is the
      // honest fallback if it is ever broken.
      return RequirementCatalogue(source: "built-in REQUIREMENTS.md", requirements: [])
    }
  }()
}

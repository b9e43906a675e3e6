import Diagnostics

/// A `# shellcheck key=value ...` comment (ShellCheck's "Directives" wiki page), kept
/// because a rule may honour `disable=SC2155` the way ShellCheck does.
public struct ShellCheckDirective: Sendable, Hashable {
  /// Where the `#` is.
  public var location: SourceLocation
  /// The `key=value` pairs in order, e.g. `[("disable", "SC2155,SC2086")]` as `key`/`value`.
  public var settings: [Setting]

  public struct Setting: Sendable, Hashable {
    public var key: String
    public var value: String
  }

  /// The codes named by `disable=` settings, e.g. `["SC2155", "SC2086"]`.
  public var disabledCodes: [String] {
    settings.filter { $0.key == "disable" }.flatMap { $0.value.split(separator: ",").map { String($0).trimmingBlanks() } }
  }

  /// Reads the text after `#`; nil when it is not a shellcheck directive.
  init?(comment: String, at location: SourceLocation) {
    let trimmed = comment.trimmingBlanks()
    guard trimmed.hasPrefix("shellcheck ") || trimmed.hasPrefix("shellcheck\t") else { return nil }
    let rest = trimmed.dropFirst("shellcheck".count)
    var settings: [Setting] = []
    for item in rest.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      if item.hasPrefix("#") { break }
      guard let equals = item.firstIndex(of: "=") else { continue }
      settings.append(Setting(key: String(item[..<equals]), value: String(item[item.index(after: equals)...])))
    }
    guard !settings.isEmpty else { return nil }
    self.location = location
    self.settings = settings
  }
}

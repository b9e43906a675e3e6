import Diagnostics

/// The text of a here-document (`<<EOF`, `<<-EOF`, `<<'EOF'`).
///
/// Bash Reference Manual, 3.6.6 "Here Documents": the lines after the command, up to a
/// line that is exactly the delimiter, are the input. If any part of the delimiter is
/// quoted the lines are taken literally; otherwise parameter expansion, command
/// substitution and arithmetic expansion apply (so `parts` holds those). With `<<-`
/// leading tab characters are stripped from each line and from the delimiter line.
public struct HereDocument: Sendable, Hashable {
  /// The delimiter word with quotes removed.
  public var delimiter: String
  /// True when the delimiter was quoted (`'EOF'`, `"EOF"`, `\EOF`): no expansion.
  public var isQuoted: Bool
  /// True for `<<-`.
  public var stripsLeadingTabs: Bool
  /// The body lines (tabs already stripped for `<<-`), each ending with a newline.
  public var body: String
  /// The body as word parts: literal text and, when not quoted, expansions.
  public var parts: [WordPart]
  /// Where the body's first line starts.
  public var bodyLocation: SourceLocation

  public init(
    delimiter: String, isQuoted: Bool, stripsLeadingTabs: Bool, body: String, parts: [WordPart],
    bodyLocation: SourceLocation
  ) {
    self.delimiter = delimiter
    self.isQuoted = isQuoted
    self.stripsLeadingTabs = stripsLeadingTabs
    self.body = body
    self.parts = parts
    self.bodyLocation = bodyLocation
  }
}

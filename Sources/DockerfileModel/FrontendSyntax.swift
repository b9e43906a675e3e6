import Diagnostics

/// Which frontend BuildKit is asked to build a Dockerfile with: the `syntax` directive as
/// BuildKit's `DetectSyntax` finds it, which differs from the parser's directive reading
/// (`DirectiveScanner`).
///
/// Rules (BuildKit `frontend/dockerfile/parser/directives.go`, `DetectSyntax`):
/// - a first line starting with `#!` is a shebang and skipped (the parser's reading stops
///   at it);
/// - then directive lines `# key=value` from the top (key case-insensitive, one of
///   `syntax`, `escape`, `check`), until the first line that is not one; unlike the
///   parser, leading whitespace is not skipped, so an indented directive chooses nothing;
/// - the frontend image is the value up to its first space.
/// DetectSyntax also accepts `// syntax=...` lines and a whole file of JSON with a
/// `"syntax"` key; neither is a Dockerfile the parser reads (the parse fails first, exit 2),
/// so they are not looked for. Reference: "Parser directives",
/// https://docs.docker.com/reference/dockerfile/#parser-directives
enum FrontendSyntax {
  static let keys: Set = ["syntax", "escape", "check"]

  /// The `syntax` value as written, located at its directive, in the physical `lines`
  /// (LF-split, trailing CRs removed, BOM already dropped); nil without one.
  static func detect(_ lines: [[Unicode.Scalar]], file: String) -> Located<String>? {
    let first = lines.first.map { $0.starts(with: ["#", "!"]) ? 1 : 0 } ?? 0
    for index in first..<lines.count {
      guard let (key, value, _) = DirectiveScanner.match(lines[index]) else { return nil }
      let lowered = key.lowercased()
      guard keys.contains(lowered) else { return nil }
      if lowered == "syntax" { return Located(value, at: SourceLocation(file: file, line: index + 1, column: 1)) }
    }
    return nil
  }

  /// The frontend image of a `syntax` value: up to its first space.
  static func image(of value: String) -> String {
    String(value.prefix { $0 != " " })
  }
}

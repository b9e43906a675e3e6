import Diagnostics

/// A Dockerfile read by the low-level parser (layer 1): directives and `SyntaxNode`s.
///
/// This layer reproduces BuildKit's `frontend/dockerfile/parser` package: logical lines
/// (continuations, comments and blank lines inside them), parser directives, heredoc
/// bodies, and per-keyword argument splitting. It rejects only what that package rejects:
/// - a file with no instructions (empty, or only comments and blank lines);
/// - a repeated directive or an escape directive other than `\` or a backtick;
/// - old-form `ENV`/`LABEL` with a key and no value (`ENV PATH`), and a new-form word
///   without `=`;
/// - a JSON array containing something other than strings (`CMD ["a", ["b"]]`);
/// - an unterminated heredoc.
/// Unknown instructions and unknown or misplaced flags are kept, so that
/// `buildKitDump()` matches BuildKit's `result` files for the whole parser corpus.
/// `Dockerfile.parse` adds layer 2 (`Instruction`), which rejects those.
public struct DockerfileSyntax: Sendable, Hashable {
  public var file: String
  public var directives: ParserDirectives
  /// The instructions in source order.
  public var nodes: [SyntaxNode]

  /// The first and last line of the instructions (BuildKit's root node span).
  public var lines: ClosedRange<Int> {
    (nodes.first?.location.line ?? 1)...(nodes.last?.endLine ?? 1)
  }

  /// Parses `source`; throws `InputError` at the offending line and column.
  public static func parse(_ source: SourceText) throws(InputError) -> DockerfileSyntax {
    try DockerfileParser.parse(source)
  }
}

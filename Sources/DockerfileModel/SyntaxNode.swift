import Diagnostics

/// One instruction as BuildKit's low-level parser sees it (layer 1).
///
/// Shape: the keyword as written, the `--flags` that follow it, and the arguments split
/// the way BuildKit splits them for that keyword (see `DockerfileSyntax`). Nothing is
/// validated here beyond what BuildKit's `parser` package rejects: unknown keywords and
/// unknown flags are kept. `Instruction` (layer 2) is the typed, validated view.
public struct SyntaxNode: Sendable, Hashable {
  /// The keyword as written (`from`, `RUN`, `Healthcheck`…); compare `lowercasedKeyword`.
  public var keyword: String
  /// Each flag as BuildKit keeps it: `--name` or `--name=value`, quotes removed.
  public var flags: [Located<String>]
  /// The arguments, or the nested instruction of an ONBUILD.
  public var arguments: SyntaxArguments
  /// Whether the arguments came from the JSON (exec) form.
  public var isJSON: Bool
  /// Set when the arguments (a HEALTHCHECK's after `CMD`) begin with `[` but are not a
  /// JSON array, so BuildKit read them as the shell form.
  public var malformedExecForm: MalformedExecForm?
  /// Heredoc bodies read after the instruction (RUN, COPY, ADD in shell form).
  public var heredocs: [Heredoc]
  /// Where the keyword was written; `location.line` is the start line.
  public var location: SourceLocation
  /// Where the arguments (after the flags) begin.
  public var argumentsLocation: SourceLocation
  /// The last physical line the instruction uses (continuations, skipped comment lines and
  /// heredoc bodies included).
  public var endLine: Int
  /// The joined logical line the node was read from.
  public var original: String
  /// Where each argument word starts, for the keywords whose arguments are split at
  /// whitespace (FROM, EXPOSE); empty for the others.
  public var wordLocations: [SourceLocation] = []

  public var lowercasedKeyword: String { keyword.lowercased() }

  /// The arguments as plain words; an ONBUILD's nested instruction is flattened into its
  /// keyword followed by its words, as BuildKit's `nodeArgs` does.
  public var words: [String] {
    switch arguments {
    case .words(let words): words
    case .trigger(let node): [node.keyword] + node.words
    }
  }
}

/// The arguments of a `SyntaxNode`.
public indirect enum SyntaxArguments: Sendable, Hashable {
  /// Plain arguments (for ENV and LABEL, triples of key, value and `=` or "").
  case words([String])
  /// The instruction an ONBUILD registers.
  case trigger(SyntaxNode)
}

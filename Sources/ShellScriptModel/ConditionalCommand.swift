import Diagnostics

/// `[[ expression ]]` (Bash Reference Manual, 3.2.5.2 "Conditional Constructs" and
/// 6.4 "Bash Conditional Expressions"). `words` are the words between `[[` and `]]`,
/// operators (`==`, `&&`, `(`, `!`, `-z`) included as unquoted words. Word splitting and
/// filename expansion do not apply; the right side of `==`/`!=` is a pattern.
public struct ConditionalCommand: Sendable, Hashable {
  public var words: [Word]
  /// Where `[[` is.
  public var location: SourceLocation

  public init(words: [Word], location: SourceLocation) {
    self.words = words
    self.location = location
  }
}

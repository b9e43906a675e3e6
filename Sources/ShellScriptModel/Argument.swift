import Diagnostics

/// A command-line argument: the word as written and its resolved value.
///
/// For `--flag=value` found by `CommandInvocation.value(ofFlag:)`, `word` is the whole
/// word and `value` the part after `=`.
public struct Argument: Sendable, Hashable, CustomStringConvertible {
  public var word: Word
  public var value: ResolvedWord

  public init(word: Word, value: ResolvedWord) {
    self.word = word
    self.value = value
  }

  public var location: SourceLocation { word.location }
  /// The resolved value when fully known.
  public var literal: String? { value.literal }
  public var description: String { value.description }

  /// True when the argument looks like an option: its known text starts with `-` and is
  /// more than `-` alone.
  public var isOption: Bool {
    let prefix = value.knownPrefix
    return prefix.hasPrefix("-") && (prefix.count > 1 || value.pieces.count > 1)
  }
}

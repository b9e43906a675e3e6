import Diagnostics

/// One `Key=Value` item of `sam deploy --parameter-overrides`.
///
/// SAM CLI reads the option's values up to the next option (its `OptionNargs` parser),
/// and splits each value at blanks into `Key=Value` or `ParameterKey=K,ParameterValue=V`
/// items, where a value may be quoted; `"A=1 B=2"` as one word and `A=1 B=2` as two words
/// give the same items.
public struct ParameterOverride: Sendable, Hashable {
  /// The parameter name; nil when the item's key is not known statically (`$EXTRA`).
  public var key: String?
  /// The value (surrounding quotes removed).
  public var value: ResolvedWord
  /// The whole item as resolved.
  public var item: ResolvedWord
  /// The shell word the item came from.
  public var word: Word

  public init(key: String?, value: ResolvedWord, item: ResolvedWord, word: Word) {
    self.key = key
    self.value = value
    self.item = item
    self.word = word
  }

  public var location: SourceLocation { word.location }
}

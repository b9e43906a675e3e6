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

/// A command that runs another command (`timeout 900 aws ...`, `sudo`, `env X=1`,
/// `nohup`, `command`, `exec`, `nice`, `time`): its name and its own arguments.
public struct Wrapper: Sendable, Hashable {
  public var name: Argument
  /// The wrapper's options and operands before the wrapped command (`["900"]` for timeout).
  public var arguments: [Argument]

  public init(name: Argument, arguments: [Argument]) {
    self.name = name
    self.arguments = arguments
  }
}

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

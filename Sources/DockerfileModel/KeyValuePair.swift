/// One `key=value` of ENV or LABEL, as written.
///
/// `key` and `value` still hold their quotes, escapes and `$` references (BuildKit
/// processes them when the instruction runs); `ImageFacts` holds the expanded values.
/// `usesEquals` is false for the legacy form `ENV key value`.
public struct KeyValuePair: Sendable, Hashable {
  public var key: String
  public var value: String
  public var usesEquals: Bool

  public init(key: String, value: String, usesEquals: Bool = true) {
    self.key = key
    self.value = value
    self.usesEquals = usesEquals
  }
}

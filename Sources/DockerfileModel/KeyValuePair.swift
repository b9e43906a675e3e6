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

/// One name of an `ARG` instruction, with its default as written (quotes kept), if any.
///
/// A global ARG (before the first FROM) is visible in FROM lines only; inside a stage it
/// must be declared again (`ARG NAME`) to be visible, and then takes the global value. See
/// "Understand how ARG and FROM interact" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact).
public struct ArgDeclaration: Sendable, Hashable {
  public var name: String
  public var defaultValue: String?

  public init(name: String, defaultValue: String? = nil) {
    self.name = name
    self.defaultValue = defaultValue
  }
}

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

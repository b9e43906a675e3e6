/// One EXPOSE entry after expansion.
public enum ExposedPort: Sendable, Hashable {
  case port(PortSpec)
  /// Depends on an unknown build argument, or is not a valid port once expanded.
  case unresolved(expression: String, reason: String)
}

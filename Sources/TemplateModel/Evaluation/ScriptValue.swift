/// A value the deploy script passes to SAM CLI: known text, or an expression only known
/// when the script runs (`$(git rev-parse --short HEAD)`, `$AWS_ACCOUNT_ID`).
public enum ScriptValue: Hashable, Sendable, CustomStringConvertible {
  case literal(String)
  /// The shell expression as written.
  case symbolic(String)

  public var literal: String? {
    if case .literal(let text) = self { return text }
    return nil
  }

  public var description: String {
    switch self {
    case .literal(let text): text
    case .symbolic(let expression): expression
    }
  }
}

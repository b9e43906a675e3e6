import Foundation

/// The template's `AllowedPattern`s, compiled once when the template is read rather than
/// once per config env: whole-value matches with Foundation's ICU regular expressions
/// (CloudFormation uses Java's syntax; the two agree on what templates use).
/// Reference: "Parameters" properties, AllowedPattern,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
public struct AllowedPatterns: Sendable {
  /// By pattern as written; nil for a pattern ICU cannot compile.
  private var compiled: [String: NSRegularExpression?] = [:]

  public init(_ parameters: [Parameter]) {
    for pattern in parameters.compactMap(\.allowedPattern?.value) where compiled[pattern] == nil {
      compiled[pattern] = .some(Self.compile(pattern))
    }
  }

  /// Whether all of `value` matches `pattern`. A pattern that does not compile matches
  /// (the value is not what is wrong).
  public func matchesWhole(_ pattern: String, _ value: String) -> Bool {
    guard let expression = compiled[pattern] ?? Self.compile(pattern) else { return true }
    return expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
  }

  private static func compile(_ pattern: String) -> NSRegularExpression? {
    try? NSRegularExpression(pattern: "^(?:" + pattern + ")$")
  }
}

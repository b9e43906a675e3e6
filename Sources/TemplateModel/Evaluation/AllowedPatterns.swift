/// Whole-value matches of parameter values against their `AllowedPattern`, each pattern
/// compiled once per evaluation, when a value first needs it, with Swift's `Regex` in
/// Unicode-scalar mode (CloudFormation uses Java's syntax; the two agree on what
/// templates use: classes, `\s`, `\d`, counted repeats, groups, alternation).
/// Reference: "Parameters" properties, AllowedPattern,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
///
/// Swift's `Regex` rather than Foundation's `NSRegularExpression`: for this repository's
/// three patterns it costs less than half the instructions, most of ICU's being its
/// one-time set-up (benchmarks/RESULTS.md). Not shared between threads (`Regex` is not
/// `Sendable`): each config env's evaluation has its own.
final class AllowedPatterns {
  /// By pattern as written; nil for a pattern that does not compile.
  private var compiled: [String: Regex<AnyRegexOutput>?] = [:]

  /// Whether all of `value` matches `pattern`. A pattern that does not compile matches
  /// (the value is not what is wrong).
  func matchesWhole(_ pattern: String, _ value: String) -> Bool {
    let expression: Regex<AnyRegexOutput>?
    if let known = compiled[pattern] {
      expression = known
    } else {
      expression = (try? Regex("(?:" + pattern + ")"))?.matchingSemantics(.unicodeScalar)
      compiled[pattern] = .some(expression)
    }
    guard let expression else { return true }
    return value.wholeMatch(of: expression) != nil
  }
}

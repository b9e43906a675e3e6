/// Whole-value matches of parameter values against their `AllowedPattern` (Java regular
/// expression syntax), each pattern compiled once per evaluation, when a value first needs it.
/// Reference: "Parameters" properties, AllowedPattern,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
///
/// Our own automaton (`PatternParser`, `PatternProgram`) rather than Swift's `Regex` or
/// Foundation's `NSRegularExpression`: both backtrack without a step limit, so a pattern
/// such as `^(a+)+$` in a pull request's template hung the run on a 22-character value.
/// The automaton's cost is bounded by (value length + 1) x program size, and both are capped.
/// Patterns outside regular languages (back-references, look-around) are not matched:
/// the outcome is `undecided`, never a guess.
public final class AllowedPatterns {
  public enum Outcome: Equatable, Sendable {
    case matches
    case doesNotMatch
    /// Why the value could not be checked: the pattern does not compile, uses a construct
    /// we do not match, or the match would exceed the step limit.
    case undecided(String)
  }

  /// By pattern as written.
  private var compiled: [String: Result<PatternProgram, PatternRefusal>] = [:]

  /// Steps all matches of one evaluation may take together (each match's bound is taken
  /// before it runs): a list parameter of a thousand long items, each matched against a
  /// large pattern, stays within this too.
  static let maximumStepsInAll = 50_000_000
  private var remainingSteps = AllowedPatterns.maximumStepsInAll

  public init() {}

  /// Whether all of `value` matches `pattern`.
  public func match(_ pattern: String, _ value: String) -> Outcome {
    let program: Result<PatternProgram, PatternRefusal>
    if let known = compiled[pattern] {
      program = known
    } else {
      program = Result { () throws(PatternRefusal) in try PatternProgram(PatternParser.parse(pattern)) }
      compiled[pattern] = program
    }
    switch program {
    case .failure(let refusal):
      switch refusal.kind {
      case .syntax: return .undecided("the pattern does not compile (\(refusal.message) at scalar \(refusal.offset + 1))")
      case .unsupported: return .undecided("the pattern uses \(refusal.message) (at scalar \(refusal.offset + 1)), which vibe-rules does not match")
      }
    case .success(let program):
      let scalars = Array(value.unicodeScalars)
      let bound = program.stepBound(forLength: scalars.count)
      guard bound <= PatternProgram.maximumSteps, let matched = program.matchesWhole(scalars) else {
        return .undecided("the value is too long to match within vibe-rules' step limit (\(PatternProgram.maximumSteps) steps)")
      }
      guard bound <= remainingSteps else {
        return .undecided("this env's AllowedPattern matches have used their \(Self.maximumStepsInAll) steps")
      }
      remainingSteps -= bound
      return matched ? .matches : .doesNotMatch
    }
  }
}

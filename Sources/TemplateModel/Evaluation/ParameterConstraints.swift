import Diagnostics

/// Checks a parameter value against its declared constraints, as CloudFormation does
/// before creating a change set: `AllowedValues`, `AllowedPattern` (whole-value match),
/// `MinLength`/`MaxLength` for strings, `MinValue`/`MaxValue` for numbers; list types
/// check each comma-separated item. Reference: "Parameters" properties,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
enum ParameterConstraints {
  /// What checking a value found.
  enum Finding: Equatable {
    /// The first constraint the value breaks.
    case violation(String)
    /// A constraint that could not be checked (an `AllowedPattern` we do not match), and why.
    case undecided(String)
  }

  /// The first constraint `value` breaks, else the first that could not be checked, else
  /// nil; `patterns` matches (and keeps compiled) the `AllowedPattern`s. Values and
  /// patterns are quoted cut to `QuotedText.maximumBytes`.
  static func check(_ parameter: Parameter, value: String, patterns: AllowedPatterns) -> Finding? {
    let items = parameter.isList ? value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) } : [value]
    var undecided: Finding?
    for item in items {
      if !parameter.allowedValues.isEmpty {
        let allowed = parameter.allowedValues.compactMap(\.text)
        if !allowed.contains(item) {
          return .violation("\(parameter.name)=\(QuotedText.abbreviated(item)) is not one of its AllowedValues [\(QuotedText.abbreviated(allowed.joined(separator: ", ")))]")
        }
      }
      if let pattern = parameter.allowedPattern {
        switch patterns.match(pattern.value, item) {
        case .matches: break
        case .doesNotMatch: return .violation("\(parameter.name)=\(QuotedText.abbreviated(item)) does not match its AllowedPattern \(QuotedText.abbreviated(pattern.value))")
        case .undecided(let why): undecided = undecided ?? .undecided("\(parameter.name)=\(QuotedText.abbreviated(item)) was not checked against its AllowedPattern \(QuotedText.abbreviated(pattern.value)): \(why)")
        }
      }
      if parameter.isNumeric {
        guard let number = Double(item) else { return .violation("\(parameter.name)=\(QuotedText.abbreviated(item)) is not a number") }
        if let minimum = parameter.minValue, number < minimum { return .violation("\(parameter.name)=\(item) is below its MinValue \(minimum)") }
        if let maximum = parameter.maxValue, number > maximum { return .violation("\(parameter.name)=\(item) is above its MaxValue \(maximum)") }
      } else {
        if let minimum = parameter.minLength, item.count < minimum { return .violation("\(parameter.name)=\"\(QuotedText.abbreviated(item))\" is shorter than its MinLength \(minimum)") }
        if let maximum = parameter.maxLength, item.count > maximum { return .violation("\(parameter.name)=\"\(QuotedText.abbreviated(item))\" is longer than its MaxLength \(maximum)") }
      }
    }
    return undecided
  }
}

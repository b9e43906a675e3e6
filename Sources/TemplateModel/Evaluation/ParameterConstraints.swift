/// Checks a parameter value against its declared constraints, as CloudFormation does
/// before creating a change set: `AllowedValues`, `AllowedPattern` (whole-value match),
/// `MinLength`/`MaxLength` for strings, `MinValue`/`MaxValue` for numbers; list types
/// check each comma-separated item. Reference: "Parameters" properties,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
enum ParameterConstraints {
  /// A message for the first constraint `value` breaks, or nil; `patterns` matches (and
  /// keeps compiled) the `AllowedPattern`s.
  static func violation(of parameter: Parameter, value: String, patterns: AllowedPatterns) -> String? {
    let items = parameter.isList ? value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) } : [value]
    for item in items {
      if !parameter.allowedValues.isEmpty {
        let allowed = parameter.allowedValues.compactMap(\.text)
        if !allowed.contains(item) {
          return "\(parameter.name)=\(item) is not one of its AllowedValues [\(allowed.joined(separator: ", "))]"
        }
      }
      if let pattern = parameter.allowedPattern, !patterns.matchesWhole(pattern.value, item) {
        return "\(parameter.name)=\(item) does not match its AllowedPattern \(pattern.value)"
      }
      if parameter.isNumeric {
        guard let number = Double(item) else { return "\(parameter.name)=\(item) is not a number" }
        if let minimum = parameter.minValue, number < minimum { return "\(parameter.name)=\(item) is below its MinValue \(minimum)" }
        if let maximum = parameter.maxValue, number > maximum { return "\(parameter.name)=\(item) is above its MaxValue \(maximum)" }
      } else {
        if let minimum = parameter.minLength, item.count < minimum { return "\(parameter.name)=\"\(item)\" is shorter than its MinLength \(minimum)" }
        if let maximum = parameter.maxLength, item.count > maximum { return "\(parameter.name)=\"\(item)\" is longer than its MaxLength \(maximum)" }
      }
    }
    return nil
  }
}

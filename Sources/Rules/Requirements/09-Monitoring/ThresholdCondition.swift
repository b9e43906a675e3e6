/// The set of metric values an alarm's `ComparisonOperator` and `Threshold` fire on, so
/// that equivalent spellings compare equal: on a count (whole numbers) `< 1` and `<= 0`
/// fire on the same values, as do `> 4` and `>= 5`; on a real-valued statistic only the
/// same operator and threshold do. Anomaly-detection operators give nil.
/// Reference: "AWS::CloudWatch::Alarm ComparisonOperator",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html#cfn-cloudwatch-alarm-comparisonoperator
struct ThresholdCondition: Equatable {
  enum Direction { case below, above }
  var direction: Direction
  var bound: Double
  var inclusive: Bool

  /// `operator` and `threshold` as a condition; on whole numbers (`integerValued`) the
  /// bound is the inclusive whole-number one (`x < 1` → `x <= 0`).
  init?(operator name: String, threshold: Double, integerValued: Bool) {
    switch name {
    case "LessThanThreshold": (direction, bound, inclusive) = (.below, threshold, false)
    case "LessThanOrEqualToThreshold": (direction, bound, inclusive) = (.below, threshold, true)
    case "GreaterThanThreshold": (direction, bound, inclusive) = (.above, threshold, false)
    case "GreaterThanOrEqualToThreshold": (direction, bound, inclusive) = (.above, threshold, true)
    default: return nil
    }
    guard integerValued, threshold.isFinite else { return }
    switch (direction, inclusive) {
    case (.below, false): bound = threshold.rounded(.up) - 1
    case (.below, true): bound = threshold.rounded(.down)
    case (.above, false): bound = threshold.rounded(.down) + 1
    case (.above, true): bound = threshold.rounded(.up)
    }
    inclusive = true
  }

  /// Statistics whose values are whole numbers for a count metric (HealthyHostCount).
  /// Reference: "CloudWatch statistics definitions",
  /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
  static func isWholeNumber(_ statistic: String?) -> Bool {
    ["Minimum", "Maximum", "Sum", "SampleCount"].contains(statistic ?? "")
  }
}

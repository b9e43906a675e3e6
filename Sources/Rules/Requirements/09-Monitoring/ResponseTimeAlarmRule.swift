import TemplateModel

/// 9.6: an alarm fires when TargetResponseTime stays above the threshold for the
/// required number of periods.
struct ResponseTimeAlarmRule: Rule {
  static let definition = RuleDefinition(
    id: "alarm-response-time",
    requirements: ["9.6"],
    title: "Alarm on TargetResponseTime above the threshold",
    rationale: "TargetResponseTime is in seconds; GreaterThanThreshold over consecutive evaluation periods avoids paging on one slow minute.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html"],
    examples: [
      .compliant(),
      .change("threshold 10 s", .edit(.template, "      Threshold: 5\n      ComparisonOperator: GreaterThanThreshold", "      Threshold: 10\n      ComparisonOperator: GreaterThanThreshold")),
      .change("one period", .edit(.template, "      Period: 60\n      EvaluationPeriods: 2", "      Period: 60\n      EvaluationPeriods: 1")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let threshold = context.value("response-time-threshold"), let seconds = threshold.number,
      let periods = context.value("evaluation-periods"), let count = periods.integer
    else { return .missingValue("response-time-threshold/evaluation-periods", of: "9.6") }
    let template = context.template
    let alarms = AlarmMatch.alarms(on: "TargetResponseTime", in: template)
    guard !alarms.isEmpty else { return context.missing("AWS::CloudWatch::Alarm on AWS/ApplicationELB TargetResponseTime", for: "requirement 9.6 needs one") }
    let match = alarms.first { match in
      match.alarm["ComparisonOperator"]?.string == "GreaterThanThreshold" && match.alarm["Threshold"]?.number == seconds
        && match.alarm["EvaluationPeriods"]?.int == count
    }
    if let match { return .pass("\(match.alarm.logicalID): TargetResponseTime > \(threshold.written) for \(count) periods", evidence: [match.alarm.location]) }
    let alarm = alarms[0].alarm
    return .fail(.error("\(alarm.logicalID) alarms on \(alarm["ComparisonOperator"]?.display ?? "?") \(alarm["Threshold"]?.display ?? "?") for \(alarm["EvaluationPeriods"]?.display ?? "?") period(s); \(threshold.cited) requires GreaterThanThreshold \(threshold.written) for \(count) periods", at: alarm.location, path: "Resources/\(alarm.logicalID)"))
  }
}

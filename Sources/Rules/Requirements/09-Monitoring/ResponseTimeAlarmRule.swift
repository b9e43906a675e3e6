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
      .change("another load balancer watched", .edit(.template, "          Value: !GetAtt LoadBalancer.LoadBalancerFullName\n      Statistic: Average", "          Value: app/other/123\n      Statistic: Average")),
      .change("the metric-math form", .edit(.template, "      Namespace: AWS/ApplicationELB\n      MetricName: TargetResponseTime\n      Dimensions:\n        - Name: TargetGroup\n          Value: !GetAtt TargetGroup.TargetGroupFullName\n        - Name: LoadBalancer\n          Value: !GetAtt LoadBalancer.LoadBalancerFullName\n      Statistic: Average\n      Period: 60\n", "      Metrics:\n        - Id: m1\n          MetricStat:\n            Metric:\n              Namespace: AWS/ApplicationELB\n              MetricName: TargetResponseTime\n              Dimensions:\n                - Name: LoadBalancer\n                  Value: !GetAtt LoadBalancer.LoadBalancerFullName\n            Stat: Average\n            Period: 60\n"), expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let threshold = context.value("response-time-threshold"), let seconds = threshold.number,
      let periods = context.value("evaluation-periods"), let count = periods.integer
    else { return .missingValue("response-time-threshold/evaluation-periods", of: "9.6") }
    let template = context.template
    let alarms = AlarmMatch.alarms(on: "TargetResponseTime", in: template)
    guard !alarms.isEmpty else { return context.missing("AWS::CloudWatch::Alarm on AWS/ApplicationELB TargetResponseTime", for: "requirement 9.6 needs one") }
    var unknown: [String] = []
    for match in alarms {
      if let expression = match.expression {
        unknown.append("\(match.alarm.logicalID) alarms on the metric-math expression \(expression.display), which the files cannot evaluate")
        continue
      }
      // TargetResponseTime is in seconds, a real number: only the same condition is equivalent.
      let required = ThresholdCondition(operator: "GreaterThanThreshold", threshold: seconds, integerValued: false)
      let written = match.alarm["ComparisonOperator"]?.string.flatMap { name in
        match.alarm["Threshold"]?.number.flatMap { ThresholdCondition(operator: name, threshold: $0, integerValued: false) }
      }
      guard written == required, match.alarm["EvaluationPeriods"]?.int == count else { continue }
      let target = match.watchedTarget(loadBalancerOnly: true)
      guard target.problems.isEmpty else { continue }
      if !target.unknown.isEmpty { unknown += target.unknown; continue }
      return .pass("\(match.alarm.logicalID): TargetResponseTime > \(threshold.written) for \(count) periods", evidence: [match.alarm.location])
    }
    if !unknown.isEmpty { return .needsEvidence(unknown.joined(separator: "; ")) }
    let alarm = alarms[0]
    let problems = alarm.expression == nil ? alarm.watchedTarget(loadBalancerOnly: true).problems : []
    return .fail(.error("\(alarm.alarm.logicalID) alarms on \(alarm.alarm["ComparisonOperator"]?.display ?? "?") \(alarm.alarm["Threshold"]?.display ?? "?") for \(alarm.alarm["EvaluationPeriods"]?.display ?? "?") period(s)\(problems.isEmpty ? "" : ", " + problems.joined(separator: ", ")); \(threshold.cited) requires GreaterThanThreshold \(threshold.written) for \(count) periods on the service's load balancer", at: alarm.alarm.location, path: "Resources/\(alarm.alarm.logicalID)"))
  }
}

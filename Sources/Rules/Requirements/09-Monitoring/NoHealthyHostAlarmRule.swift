import Diagnostics
import TemplateModel

/// 9.5: an alarm fires when fewer than one host is healthy and notifies an SNS topic.
struct NoHealthyHostAlarmRule: Rule {
  static let definition = RuleDefinition(
    id: "alarm-no-healthy-host",
    requirements: ["9.5"],
    title: "Alarm on HealthyHostCount below 1 notifies SNS",
    rationale: "HealthyHostCount < 1 means the dashboard is down; the alarm must fire on exactly those values (LessThanThreshold 1, or on a whole-number statistic an equivalent such as LessThanOrEqualToThreshold 0), watch the service's own target group and load balancer, and have an SNS topic in AlarmActions, with actions enabled. A metric-math alarm is read through the MetricStat of its returned metric.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html",
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudwatch-alarm-metricdataquery.html",
    ],
    examples: [
      .compliant(),
      .change("no alarm actions", .edit(.template, "      TreatMissingData: breaching\n      AlarmActions:\n        - !Ref AlarmTopic\n", "      TreatMissingData: breaching\n")),
      .change(
        "an SNS topic outside the template, by its ARN",
        .edit(.template, "      TreatMissingData: breaching\n      AlarmActions:\n        - !Ref AlarmTopic\n", "      TreatMissingData: breaching\n      AlarmActions:\n        - arn:aws:sns:us-east-1:123456789012:ops-alerts\n"),
        expect: .pass),
      .change(
        "an SNS topic ARN built with !Sub",
        .edit(.template, "      TreatMissingData: breaching\n      AlarmActions:\n        - !Ref AlarmTopic\n", "      TreatMissingData: breaching\n      AlarmActions:\n        - !Sub \"arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:ops-alerts\"\n"),
        expect: .pass),
      .change(
        "the topic's name where an alarm action takes its ARN",
        .edit(.template, "      TreatMissingData: breaching\n      AlarmActions:\n        - !Ref AlarmTopic\n", "      TreatMissingData: breaching\n      AlarmActions:\n        - !GetAtt AlarmTopic.TopicName\n")),
      .change(
        "an action another stack exports (it may or may not be an SNS topic)",
        .edit(.template, "      TreatMissingData: breaching\n      AlarmActions:\n        - !Ref AlarmTopic\n", "      TreatMissingData: breaching\n      AlarmActions:\n        - !ImportValue shared-alarm-action\n"),
        expect: .needsEvidence),
      .change("threshold 2", .edit(.template, "      Threshold: 1\n      ComparisonOperator: LessThanThreshold", "      Threshold: 2\n      ComparisonOperator: LessThanThreshold")),
      .change("another target group watched", .edit(.template, "      MetricName: HealthyHostCount\n      Dimensions:\n        - Name: TargetGroup\n          Value: !GetAtt TargetGroup.TargetGroupFullName", "      MetricName: HealthyHostCount\n      Dimensions:\n        - Name: TargetGroup\n          Value: targetgroup/other/123")),
      .change("no LoadBalancer dimension", .edit(.template, "          Value: !GetAtt TargetGroup.TargetGroupFullName\n        - Name: LoadBalancer\n          Value: !GetAtt LoadBalancer.LoadBalancerFullName\n      Statistic: Minimum", "          Value: !GetAtt TargetGroup.TargetGroupFullName\n      Statistic: Minimum")),
      .change("<= 0 on the minimum, the same for a count", .edit(.template, "      Threshold: 1\n      ComparisonOperator: LessThanThreshold", "      Threshold: 0\n      ComparisonOperator: LessThanOrEqualToThreshold"), expect: .pass),
      .change("<= 0 on the average, which misses a partial outage", .edit(.template, "      Statistic: Minimum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: LessThanThreshold", "      Statistic: Average\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 0\n      ComparisonOperator: LessThanOrEqualToThreshold")),
      .change("the metric-math form", .edit(.template, "      Namespace: AWS/ApplicationELB\n      MetricName: HealthyHostCount\n      Dimensions:\n        - Name: TargetGroup\n          Value: !GetAtt TargetGroup.TargetGroupFullName\n        - Name: LoadBalancer\n          Value: !GetAtt LoadBalancer.LoadBalancerFullName\n      Statistic: Minimum\n      Period: 60\n", "      Metrics:\n        - Id: m1\n          ReturnData: true\n          MetricStat:\n            Metric:\n              Namespace: AWS/ApplicationELB\n              MetricName: HealthyHostCount\n              Dimensions:\n                - Name: TargetGroup\n                  Value: !GetAtt TargetGroup.TargetGroupFullName\n                - Name: LoadBalancer\n                  Value: !GetAtt LoadBalancer.LoadBalancerFullName\n            Stat: Minimum\n            Period: 60\n"), expect: .pass),
      .change("a metric-math expression", .edit(.template, "      Namespace: AWS/ApplicationELB\n      MetricName: HealthyHostCount\n      Dimensions:\n        - Name: TargetGroup\n          Value: !GetAtt TargetGroup.TargetGroupFullName\n        - Name: LoadBalancer\n          Value: !GetAtt LoadBalancer.LoadBalancerFullName\n      Statistic: Minimum\n      Period: 60\n", "      Metrics:\n        - Id: m1\n          ReturnData: false\n          MetricStat:\n            Metric:\n              Namespace: AWS/ApplicationELB\n              MetricName: HealthyHostCount\n            Stat: Minimum\n            Period: 60\n        - Id: e1\n          Expression: m1 * 1\n          ReturnData: true\n"), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let threshold = context.value("healthy-host-threshold"), let value = threshold.number else { return .missingValue("healthy-host-threshold", of: "9.5") }
    let template = context.template
    let alarms = AlarmMatch.alarms(on: "HealthyHostCount", in: template)
    guard !alarms.isEmpty else { return context.missing("AWS::CloudWatch::Alarm on AWS/ApplicationELB HealthyHostCount", for: "requirement 9.5 needs one") }
    var failures: [(AlarmMatch, [String])] = []
    var unknown: [String] = []
    var unknownAt: [SourceLocation] = []
    for match in alarms {
      var problems: [String] = []
      var open: [String] = []
      if let expression = match.expression {
        open.append("\(match.alarm.logicalID) alarms on the metric-math expression \(expression.display), which the files cannot evaluate")
      } else {
        // HealthyHostCount counts hosts: its Minimum, Maximum, Sum and SampleCount are whole numbers.
        let whole = ThresholdCondition.isWholeNumber(match.statistic)
        let required = ThresholdCondition(operator: "LessThanThreshold", threshold: value, integerValued: whole)
        let written = match.alarm["ComparisonOperator"]?.string.flatMap { name in
          match.alarm["Threshold"]?.number.flatMap { ThresholdCondition(operator: name, threshold: $0, integerValued: whole) }
        }
        if written == nil || written != required {
          problems.append("ComparisonOperator \(match.alarm["ComparisonOperator"]?.display ?? "unset") Threshold \(match.alarm["Threshold"]?.display ?? "unset") on \(match.statistic ?? "no statistic")")
        }
        let target = match.watchedTarget()
        problems += target.problems
        open += target.unknown
      }
      let undecidedActions = match.undecidedActions(in: template)
      if match.topics.isEmpty, match.outsideTopics.isEmpty {
        if undecidedActions.isEmpty {
          problems.append("no SNS topic in AlarmActions")
        } else {
          open.append("\(match.alarm.logicalID) notifies \(undecidedActions.map(\.display).joined(separator: ", ")), known only at deploy time: whether it is an SNS topic cannot be read from these files")
        }
      }
      if match.actionsEnabled != true { problems.append("ActionsEnabled \(match.alarm["ActionsEnabled"]?.display ?? "")") }
      if !problems.isEmpty {
        failures.append((match, problems))
      } else if !open.isEmpty {
        unknown += open
        unknownAt.append(match.alarm.location)
      } else {
        return .pass("\(match.alarm.logicalID): HealthyHostCount < \(threshold.written) on the service's target group → SNS \((match.topics + match.outsideTopics.map(\.display)).joined(separator: ", "))", evidence: [match.alarm.location])
      }
    }
    if !unknown.isEmpty { return .needsEvidence(unknown.joined(separator: "; "), evidence: unknownAt) }
    let (match, problems) = failures[0]
    return .fail(.error("\(match.alarm.logicalID) has \(problems.joined(separator: ", "))\(context.inEnvironment); \(threshold.cited) requires HealthyHostCount < \(threshold.written) on the service's target group, notifying an SNS topic", at: match.alarm.location, path: "Resources/\(match.alarm.logicalID)"))
  }
}

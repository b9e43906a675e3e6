import TemplateModel

/// 9.5: an alarm fires when fewer than one host is healthy and notifies an SNS topic.
struct NoHealthyHostAlarmRule: Rule {
  static let definition = RuleDefinition(
    id: "alarm-no-healthy-host",
    requirements: ["9.5"],
    title: "Alarm on HealthyHostCount below 1 notifies SNS",
    rationale: "HealthyHostCount < 1 means the dashboard is down; the alarm must compare LessThanThreshold 1 and have an SNS topic in AlarmActions, with actions enabled.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html"],
    examples: [
      .compliant(),
      .change("no alarm actions", .edit(.template, "      TreatMissingData: breaching\n      AlarmActions:\n        - !Ref AlarmTopic\n", "      TreatMissingData: breaching\n")),
      .change("threshold 2", .edit(.template, "      Threshold: 1\n      ComparisonOperator: LessThanThreshold", "      Threshold: 2\n      ComparisonOperator: LessThanThreshold")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let threshold = context.value("healthy-host-threshold"), let value = threshold.number else { return .missingValue("healthy-host-threshold", of: "9.5") }
    let template = context.template
    let alarms = AlarmMatch.alarms(on: "HealthyHostCount", in: template)
    guard !alarms.isEmpty else { return context.missing("AWS::CloudWatch::Alarm on AWS/ApplicationELB HealthyHostCount", for: "requirement 9.5 needs one") }
    let good = alarms.filter { match in
      match.alarm["ComparisonOperator"]?.string == "LessThanThreshold" && match.alarm["Threshold"]?.number == value
        && !match.topics(in: template).isEmpty && match.actionsEnabled == true
    }
    if let match = good.first { return .pass("\(match.alarm.logicalID): HealthyHostCount < \(threshold.written) → SNS \(match.topics(in: template).joined(separator: ", "))", evidence: [match.alarm.location]) }
    let match = alarms[0]
    var problems: [String] = []
    if match.alarm["ComparisonOperator"]?.string != "LessThanThreshold" { problems.append("ComparisonOperator \(match.alarm["ComparisonOperator"]?.display ?? "unset")") }
    if match.alarm["Threshold"]?.number != value { problems.append("Threshold \(match.alarm["Threshold"]?.display ?? "unset")") }
    if match.topics(in: template).isEmpty { problems.append("no SNS topic of this template in AlarmActions") }
    if match.actionsEnabled != true { problems.append("ActionsEnabled \(match.alarm["ActionsEnabled"]?.display ?? "")") }
    return .fail(.error("\(match.alarm.logicalID) has \(problems.joined(separator: ", "))\(context.inEnvironment); \(threshold.cited) requires LessThanThreshold \(threshold.written) notifying an SNS topic", at: match.alarm.location, path: "Resources/\(match.alarm.logicalID)"))
  }
}

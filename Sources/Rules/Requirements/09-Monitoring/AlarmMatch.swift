import TemplateModel

/// Finds the CloudWatch alarm on an AWS/ApplicationELB metric of the template's load
/// balancer, and checks that it notifies an SNS topic of the template.
struct AlarmMatch {
  var alarm: EvaluatedResource

  static func alarms(on metric: String, in template: EvaluatedTemplate) -> [AlarmMatch] {
    template.resources(ofType: "AWS::CloudWatch::Alarm").filter {
      $0["MetricName"]?.string == metric && $0["Namespace"]?.string == "AWS/ApplicationELB"
    }.map(AlarmMatch.init)
  }

  /// The SNS topics of this template the alarm notifies when it fires.
  func topics(in template: EvaluatedTemplate) -> [String] {
    let topics = Set(template.resources(ofType: "AWS::SNS::Topic").map(\.logicalID))
    return (alarm["AlarmActions"]?.list ?? []).compactMap(\.referencedResource).filter(topics.contains)
  }

  var actionsEnabled: Bool? { alarm["ActionsEnabled"].map { $0.bool ?? false } ?? true }
}

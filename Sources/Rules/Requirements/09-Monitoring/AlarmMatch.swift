import TemplateModel

/// A CloudWatch alarm on an AWS/ApplicationELB metric, read in either form: the
/// single-metric form (`Namespace`, `MetricName`, `Dimensions`, `Statistic`) or metric
/// math (`Metrics`), where the alarm watches the entry with `ReturnData: true` (the only
/// entry when there is one): its `MetricStat` names the metric, an `Expression` computes
/// one the files cannot follow. Reference: "AWS::CloudWatch::Alarm MetricDataQuery",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudwatch-alarm-metricdataquery.html
struct AlarmMatch {
  var alarm: EvaluatedResource
  /// `Dimensions` of the watched metric (`[{Name, Value}]`).
  var dimensions: [EvaluatedNode]
  /// The statistic (`Minimum`, `Average`, `p99`); nil when unset.
  var statistic: String?
  /// The returned entry's `Expression`, when the alarm watches a metric-math result.
  var expression: EvaluatedNode?
  /// What the alarm's dimensions and actions must name in its template.
  var expected: AlarmTargets

  static func alarms(on metric: String, in template: EvaluatedTemplate) -> [AlarmMatch] {
    let expected = AlarmTargets(template)
    return template.resources(ofType: "AWS::CloudWatch::Alarm").compactMap { alarm in
      if alarm["MetricName"] != nil {
        guard alarm["MetricName"]?.string == metric, alarm["Namespace"]?.string == "AWS/ApplicationELB" else { return nil }
        return AlarmMatch(
          alarm: alarm, dimensions: alarm["Dimensions"]?.list ?? [], statistic: alarm["Statistic"]?.string ?? alarm["ExtendedStatistic"]?.string, expected: expected)
      }
      let queries = alarm["Metrics"]?.list ?? []
      let returned = queries.count == 1 ? queries.filter { $0["ReturnData"]?.bool != false } : queries.filter { $0["ReturnData"]?.bool == true }
      guard let entry = returned.first else { return nil }
      func watches(_ query: EvaluatedNode) -> Bool {
        let watched = query["MetricStat"]?["Metric"]
        return watched?["MetricName"]?.string == metric && watched?["Namespace"]?.string == "AWS/ApplicationELB"
      }
      if let stat = entry["MetricStat"] {
        guard watches(entry) else { return nil }
        return AlarmMatch(alarm: alarm, dimensions: stat["Metric"]?["Dimensions"]?.list ?? [], statistic: stat["Stat"]?.string, expected: expected)
      }
      guard let expression = entry["Expression"], queries.contains(where: watches) else { return nil }
      return AlarmMatch(alarm: alarm, dimensions: [], statistic: nil, expression: expression, expected: expected)
    }
  }

  /// The SNS topics of this template the alarm notifies when it fires: by `Ref` (an SNS
  /// topic's Ref is its ARN) or `!GetAtt Topic.TopicArn`, not its `TopicName` (an alarm
  /// action is an ARN).
  var topics: [String] {
    (alarm["AlarmActions"]?.list ?? []).compactMap { action in
      switch action.unresolved {
      case .resource(let id)? where expected.topics.contains(id): id
      case .attribute(let id, "TopicArn")? where expected.topics.contains(id): id
      default: nil
      }
    }
  }

  /// The alarm's actions that are SNS topics outside this template, written as their
  /// ARNs (`arn:aws:sns:us-east-1:123456789012:ops`; an action ARN names its service,
  /// "PutMetricAlarm", AlarmActions:
  /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
  var outsideTopics: [EvaluatedNode] {
    (alarm["AlarmActions"]?.list ?? []).filter { action in
      guard let arn = action.text(unknownPartsAs: "?") else { return false }
      return arn.hasPrefix("arn:") && arn.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(2).first == "sns"
    }
  }

  /// The alarm's actions known only at deploy time: an import, a parameter without a
  /// value in this env, an attribute of a nested stack or custom resource, a custom
  /// resource's `Ref`. Each may be an SNS topic. (A reference to an AWS resource of this
  /// template is decided: a topic's ARN or not.)
  func undecidedActions(in template: EvaluatedTemplate) -> [EvaluatedNode] {
    (alarm["AlarmActions"]?.list ?? []).filter { action in
      guard action.text(unknownPartsAs: "?").map({ !$0.hasPrefix("arn:") }) ?? true else { return false }
      if action.string != nil { return false }
      guard let id = action.referencedResource, let resource = template.resource(id) else { return true }
      return !resource.type.hasPrefix("AWS::") || resource.type == "AWS::CloudFormation::CustomResource" || ResourceTypes.nestedStackTypes.contains(resource.type)
    }
  }

  var actionsEnabled: Bool? { alarm["ActionsEnabled"].map { $0.bool ?? false } ?? true }

  /// The value of dimension `name`, if the metric has it.
  func dimension(_ name: String) -> EvaluatedNode? {
    dimensions.first { $0["Name"]?.string == name }?["Value"]
  }

  /// Whether the alarm watches the target group of this template's service and that target
  /// group's load balancer: `TargetGroup` must be `!GetAtt <TG>.TargetGroupFullName` and
  /// `LoadBalancer` `!GetAtt <LB>.LoadBalancerFullName`, the names ELB publishes the
  /// metric under. Returns the faults and what the files cannot decide. `loadBalancerOnly`:
  /// a metric also published per load balancer (TargetResponseTime) may omit `TargetGroup`.
  /// Reference: "CloudWatch metrics for your Application Load Balancer: metric dimensions",
  /// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html#load-balancer-metric-dimensions-alb
  func watchedTarget(loadBalancerOnly: Bool = false) -> (problems: [String], unknown: [String]) {
    var problems: [String] = []
    var unknown: [String] = []
    func check(_ name: String, attribute: String, expected: Set<String>, what: String) {
      guard let value = dimension(name) else {
        problems.append("no \(name) dimension (ELB publishes this metric per \(what))")
        return
      }
      guard !expected.isEmpty else {
        unknown.append("the service's \(what) is not one this template defines, so \(alarm.logicalID)'s \(name) dimension \(value.display) cannot be checked against it")
        return
      }
      switch value.unresolved {
      case .attribute(let id, let attr)? where attr == attribute && expected.contains(id): return
      case .attribute?, .resource?, nil:
        // A literal name, another resource's name, or an ARN (Ref) where the full name goes.
        problems.append("\(name) \(value.display), not the service's \(what) (!GetAtt \(expected.sorted()[0]).\(attribute))")
      default:
        unknown.append("\(alarm.logicalID)'s \(name) dimension \(value.display) cannot be matched to the service's \(what) from the files")
      }
    }
    if !(loadBalancerOnly && dimension("TargetGroup") == nil) {
      check("TargetGroup", attribute: "TargetGroupFullName", expected: expected.targetGroups, what: "target group")
    }
    check("LoadBalancer", attribute: "LoadBalancerFullName", expected: expected.loadBalancers, what: "load balancer")
    return (problems, unknown)
  }
}

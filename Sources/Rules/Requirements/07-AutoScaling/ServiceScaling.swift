import TemplateModel

/// The scalable target and target-tracking policy of each service, for the auto-scaling rules.
struct ServiceScaling {
  var service: EvaluatedResource
  var target: EvaluatedResource?
  var policies: [EvaluatedResource]

  static func all(in template: EvaluatedTemplate) -> [ServiceScaling] {
    template.services.map { service in
      let target = template.scalableTargets(of: service).first
      return ServiceScaling(service: service, target: target, policies: target.map { template.scalingPolicies(of: $0) } ?? [])
    }
  }

  /// The target-tracking policy on average CPU, if any.
  var cpuPolicy: EvaluatedResource? {
    policies.first { policy in
      policy["PolicyType"]?.string == "TargetTrackingScaling"
        && policy["TargetTrackingScalingPolicyConfiguration"]?["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.string == "ECSServiceAverageCPUUtilization"
    }
  }

  var cpuConfiguration: EvaluatedNode? { cpuPolicy?["TargetTrackingScalingPolicyConfiguration"] }

  /// Every target-tracking policy on average CPU attached to the target.
  var cpuPolicies: [EvaluatedResource] { policies.filter(Self.tracksCPU) }

  /// The target's other policies (step scaling, other metrics). With several policies on
  /// one target, Application Auto Scaling scales out when any policy calls for it and
  /// scales in only when every one does, so each of them decides when tasks are added
  /// and kept. Reference: "Target tracking scaling policies for Application Auto Scaling",
  /// https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html
  var otherPolicies: [EvaluatedResource] { policies.filter { !Self.tracksCPU($0) } }

  static func tracksCPU(_ policy: EvaluatedResource) -> Bool {
    policy["PolicyType"]?.string == "TargetTrackingScaling"
      && policy["TargetTrackingScalingPolicyConfiguration"]?["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.string == "ECSServiceAverageCPUUtilization"
  }

  /// What a policy other than CPU target tracking scales on, for messages.
  static func describe(_ policy: EvaluatedResource) -> String {
    let type = policy["PolicyType"]?.display ?? "unset"
    let configuration = policy["TargetTrackingScalingPolicyConfiguration"]
    guard type == "TargetTrackingScaling", let configuration else { return "a \(type) policy" }
    let metric = configuration["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.display
      ?? configuration["CustomizedMetricSpecification"]?["MetricName"]?.display ?? "a custom metric"
    return "target tracking on \(metric) at \(configuration["TargetValue"]?.display ?? "unset")"
  }
}

extension ServiceScaling {
  /// The same service and target with `policy` attached too (after the others).
  func attaching(_ policy: EvaluatedResource) -> ServiceScaling {
    ServiceScaling(service: service, target: target, policies: policies + [policy])
  }
}

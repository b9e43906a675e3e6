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
}

extension RuleContext {
  /// Runs `check` on every service's scaling, or fails when the template scales nothing.
  func scaling(_ what: String, passNote: String, _ check: (ServiceScaling) -> [Finding]) -> Verdict {
    let all = ServiceScaling.all(in: template)
    guard !all.isEmpty else { return missing("AWS::ECS::Service", for: what) }
    return Verdict(findings: all.flatMap { scaling -> [Finding] in
      guard scaling.target != nil else {
        return [.error("\(scaling.service.logicalID) has no Application Auto Scaling target on ecs:service:DesiredCount; \(what)", at: scaling.service.location)]
      }
      return check(scaling)
    }, passNote: passNote)
  }
}

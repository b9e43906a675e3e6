import Diagnostics
import TemplateModel

/// 10.1: explicit physical names differ between config envs that deploy to the same
/// account and region, or the second stack fails with "already exists".
struct PhysicalNamePerEnvironmentRule: Rule {
  /// Name properties whose value must be unique per account and region (IAM: per account).
  static let names: [String: String] = [
    "AWS::Logs::LogGroup": "LogGroupName", "AWS::ECR::Repository": "RepositoryName", "AWS::ECS::Cluster": "ClusterName",
    "AWS::ElasticLoadBalancingV2::TargetGroup": "Name", "AWS::ElasticLoadBalancingV2::LoadBalancer": "Name",
    "AWS::IAM::Role": "RoleName", "AWS::IAM::ManagedPolicy": "ManagedPolicyName", "AWS::SNS::Topic": "TopicName",
    "AWS::CloudWatch::Alarm": "AlarmName", "AWS::ECS::TaskDefinition": "Family",
  ]

  static let definition = RuleDefinition(
    id: "physical-names-per-env",
    requirements: ["10.1"],
    title: "Physical names do not collide between config envs",
    rationale: "Log group, repository, cluster, load balancer and IAM names are unique per account (and region); two stacks from one template in the same place need names that depend on the env or the stack name. Different `profile`s may mean different accounts, which only evidence can tell.",
    scope: .repository, kind: .crossFile, artifacts: [.template, .samconfig],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html"],
    examples: [
      .compliant(),
      .change("cluster name fixed", .edit(.template, "      ClusterName: !Sub \"vibejudge-cluster-${Environment}\"", "      ClusterName: vibejudge-cluster")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let environments = context.project.environments
    guard environments.count > 1 else { return .pass("one config env, no collision possible") }
    var findings: [Finding] = []
    var unknown: [String] = []
    for (type, property) in Self.names.sorted(by: { $0.key < $1.key }) {
      var seen: [String: (env: String, resource: EvaluatedResource, region: String, profile: String, regionAt: SourceLocation?)] = [:]
      for environment in environments {
        let configuration = environment.scenario.configuration
        let region = configuration.region?.value.description ?? "(default region)"
        let profile = configuration.profile?.value.description ?? "(default profile)"
        for resource in environment.resources(ofType: type) {
          guard let name = resource[property]?.string else { continue }
          let scope = type.hasPrefix("AWS::IAM::") ? name : region + "/" + name
          if let first = seen[scope], first.env != environment.scenario.environment {
            if first.profile != profile {
              unknown.append("\(resource.logicalID) \(property) \(name) in envs \(first.env) and \(environment.scenario.environment) (profiles differ)")
            } else {
              findings.append(.error("\(resource.logicalID) has \(property) \(name) in both config envs \(first.env) and \(environment.scenario.environment), which deploy to \(region) with \(profile); the second stack fails with \"already exists\"", at: resource[property]!.location, related: [first.regionAt ?? configuration.region?.origin.location].compactMap { $0 }.map { .init("both envs target the same region (no profile distinguishes the accounts)", at: $0) }, path: "Resources/\(resource.logicalID)/Properties/\(property)"))
            }
          } else {
            seen[scope] = (environment.scenario.environment, resource, region, profile, configuration.region?.origin.location)
          }
        }
      }
    }
    if findings.isEmpty && !unknown.isEmpty { return .needsEvidence("names repeat across envs with different profiles (accounts may differ): " + unknown.joined(separator: "; ")) }
    return Verdict(findings: findings, passNote: "explicit names differ between \(environments.map(\.scenario.environment).joined(separator: ", "))")
  }
}

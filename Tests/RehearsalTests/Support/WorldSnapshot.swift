/// The state of a stand-in world right after a run: what CloudFormation, ECR, the Docker
/// engine and ECS hold. Keys are "region/stack", "region/repository" and
/// "region/cluster/service".
struct WorldSnapshot: Sendable {
  struct Stack: Sendable {
    var status: String
    var outputs: [String: String]
    var parameters: [String: String]
    /// Logical ID → physical ID (EcrRepository, Cluster).
    var resources: [String: String]
  }

  struct Service: Sendable {
    var image: String
    /// The world's clock when the service's latest deployment started.
    var deployedAt: Int
  }

  var account: String
  var stacks: [String: Stack] = [:]
  /// Tag → digest, per repository.
  var registries: [String: [String: String]] = [:]
  /// Reference (`registry/repository:tag`) → image ID.
  var localImages: [String: String] = [:]
  var services: [String: Service] = [:]

  func stack(_ region: String, _ name: String) -> Stack? { stacks["\(region)/\(name)"] }
  func tags(_ region: String, _ repository: String) -> [String: String] { registries["\(region)/\(repository)"] ?? [:] }

  /// The ECR registry host of the account in `region`.
  func registry(_ region: String) -> String { "\(account).dkr.ecr.\(region).amazonaws.com" }
}

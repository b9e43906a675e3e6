import Testing

/// A way deploy.sh must fail: the world it runs in, what the stand-ins do wrong, the
/// words its error message must contain, and the call that fails (the last call the run
/// may make: nothing after the failing step runs). `failingCall` nil means no stand-in
/// may be called at all.
struct FailureScenario: Sendable, CustomTestStringConvertible {
  enum World: Sendable {
    /// No stack, repository or image yet (first deploy).
    case empty
    /// The env deployed once by the unchanged script (the previous release).
    case deployed
  }

  var name: String
  var world: World
  var options: RunOptions
  /// Words the stderr message must contain (besides `deploy.sh: error:`).
  var message: String
  var failingCall: (@Sendable (RecordedCall) -> Bool)?
  /// The config envs it applies to (a declined change set needs prod's confirm_changeset).
  var environments = ["dev", "prod"]

  var testDescription: String { name }

  static let commit = "c3499c2729730a7f807efb8676a92dcb6f8a3f8f"

  static let all: [FailureScenario] = {
    var scenarios = RehearsalSandbox.tools.map { tool in
      FailureScenario(
        name: "\(tool) missing", world: .empty, options: RunOptions(commit: commit, missingTools: [tool]),
        message: "missing required tools: \(tool)", failingCall: nil)
    }
    scenarios += [
      FailureScenario(
        name: "SAM CLI 1.99.9 (floor 1.100)", world: .empty, options: RunOptions(commit: commit, samVersion: "1.99.9"),
        message: "1.100.0 or newer is required", failingCall: { $0.is("sam", "--version") }),
      FailureScenario(
        name: "Docker daemon down", world: .empty, options: RunOptions(commit: commit, faults: ["docker-daemon-down"]),
        message: "Docker daemon is not running", failingCall: { $0.is("docker", "info") }),
      FailureScenario(
        name: "not a git repository", world: .empty, options: RunOptions(commit: commit, faults: ["not-a-git-repository"]),
        message: "is not a git repository", failingCall: { $0.is("git", "rev-parse", "--is-inside-work-tree") }),
      FailureScenario(
        name: "ECR token refused (get-login-password)", world: .deployed, options: RunOptions(commit: commit, faults: ["ecr-token-denied"]),
        message: "docker login to", failingCall: { $0.is("docker", "login") }),
      FailureScenario(
        name: "ECR login refused by the registry", world: .deployed, options: RunOptions(commit: commit, faults: ["ecr-login-refused"]),
        message: "docker login to", failingCall: { $0.is("docker", "login") }),
      FailureScenario(
        name: "push of the commit tag fails", world: .deployed, options: RunOptions(commit: commit, faults: ["push-fails:\(commit.prefix(7))"]),
        message: "docker push of", failingCall: { $0.is("docker", "push") && $0.arguments.last?.hasSuffix(":\(commit.prefix(7))") == true }),
      FailureScenario(
        name: "push of latest fails", world: .deployed, options: RunOptions(commit: commit, faults: ["push-fails:latest"]),
        message: "docker push of", failingCall: { $0.is("docker", "push") && $0.arguments.last?.hasSuffix(":latest") == true }),
      FailureScenario(
        name: "sam deploy fails", world: .deployed, options: RunOptions(commit: commit, faults: ["sam-deploy-fails"]),
        message: "sam deploy of", failingCall: { $0.is("sam", "deploy") }),
      FailureScenario(
        name: "bootstrap sam deploy fails", world: .empty, options: RunOptions(commit: commit, faults: ["sam-deploy-fails"]),
        message: "bootstrap deploy of", failingCall: { $0.is("sam", "deploy") }),
      FailureScenario(
        name: "service never stable (wait times out)", world: .deployed, options: RunOptions(commit: commit, faults: ["service-never-stable"]),
        message: "did not become stable within 15 minutes", failingCall: \.isStabilityCheck),
      FailureScenario(
        name: "deployment circuit breaker", world: .deployed, options: RunOptions(commit: commit, faults: ["service-rollout-failed"]),
        message: "circuit breaker", failingCall: \.isStabilityCheck),
      FailureScenario(
        name: "output LoadBalancerDnsName missing", world: .deployed, options: RunOptions(commit: commit, faults: ["output-missing:LoadBalancerDnsName"]),
        message: "has no output LoadBalancerDnsName",
        failingCall: { $0.is("aws", "cloudformation", "describe-stacks") && $0.value(of: "--query")?.contains("'LoadBalancerDnsName'") == true }),
      FailureScenario(
        name: "output ClusterName missing", world: .deployed, options: RunOptions(commit: commit, faults: ["output-missing:ClusterName"]),
        message: "has no output ClusterName",
        failingCall: { $0.is("aws", "cloudformation", "describe-stacks") && $0.value(of: "--query")?.contains("'ClusterName'") == true }),
      FailureScenario(
        name: "change set declined", world: .deployed, options: RunOptions(commit: commit, answers: ["n"]),
        message: "change set declined or rolled back", failingCall: { $0.is("aws", "ecs", "describe-task-definition") },
        environments: ["prod"]),
    ]
    return scenarios
  }()
}

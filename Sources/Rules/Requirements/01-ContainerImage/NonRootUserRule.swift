import DockerfileModel

/// 1.3: the image's processes run as a non-root user with the required UID.
struct NonRootUserRule: Rule {
  static let definition = RuleDefinition(
    id: "non-root-uid",
    requirements: ["1.3"],
    title: "Container runs as the non-root user with the required UID",
    rationale: "A process running as root in the container is root on any mounted volume and one kernel bug away from the host. USER is resolved to a UID through the accounts RUN creates (useradd/adduser) or the base image's default.",
    scope: .repository, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/reference/dockerfile/#user"],
    examples: [
      .compliant(),
      .change("USER root", .edit(.dockerfile, "USER streamlit", "USER root")),
      .change("no USER", .edit(.dockerfile, "USER streamlit\n", "")),
      .change("user created with UID 1001", .edit(.dockerfile, "useradd --uid 1000", "useradd --uid 1001")),
      .change("a user never created", .edit(.dockerfile, "USER streamlit", "USER app"), expect: .fail),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .notApplicable("no Dockerfile") }
    guard let uidValue = context.value("uid"), let uid = uidValue.integer else { return .missingValue("uid", of: "1.3") }
    let facts = dockerfile.finalImage
    let at = facts.user?.location ?? dockerfile.finalStage.location
    switch facts.effectiveUser {
    case .nonRoot(let actual?, let name, let evidence) where actual == uid:
      return .pass("USER \(name ?? String(actual)) resolves to UID \(actual): \(evidence.reason)", evidence: [at])
    case .nonRoot(let actual, let name, let evidence):
      return .fail(.error("the image runs as \(name ?? "?") with UID \(actual.map(String.init) ?? "assigned at build time") (\(evidence.reason)); \(uidValue.cited) requires UID \(uid)", at: at))
    case .root(let evidence):
      return .fail(.error("the image runs as root: \(evidence.reason); \(uidValue.cited) requires a non-root user with UID \(uid)", at: at))
    case .unresolved(let evidence):
      return .fail(.error("the image's user cannot be resolved to a UID: \(evidence.reason); \(uidValue.cited) requires UID \(uid)", at: at))
    }
  }
}

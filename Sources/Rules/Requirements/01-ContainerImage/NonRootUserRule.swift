import DockerfileModel

/// 1.3: the image's processes run as a non-root user with the required UID.
struct NonRootUserRule: Rule {
  static let definition = RuleDefinition(
    id: "non-root-uid",
    requirements: ["1.3"],
    title: "Container runs as the non-root user with the required UID",
    rationale: "A process running as root in the container is root on any mounted volume and one kernel bug away from the host. USER is resolved to a UID through the accounts RUN creates (useradd/adduser) or the base image's default.",
    scope: .repository, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/reference/dockerfile/#user", "https://manpages.debian.org/bookworm/passwd/useradd.8.en.html"],
    examples: [
      .compliant(),
      .change("USER root", .edit(.dockerfile, "USER streamlit", "USER root")),
      .change("no USER", .edit(.dockerfile, "USER streamlit\n", "")),
      .change("user created with UID 1001", .edit(.dockerfile, "useradd --uid 1000", "useradd --uid 1001")),
      .change("a user never created", .edit(.dockerfile, "USER streamlit", "USER app"), expect: .fail),
      .change("user created by useradd without a UID", .edit(.dockerfile, "useradd --uid 1000 --gid 1000", "useradd --gid 1000"), expect: .needsEvidence),
      .change("user created by adduser without a UID", .edit(.dockerfile, "&& useradd --uid 1000 --gid 1000 --create-home --home-dir /home/streamlit \\\n       --shell /usr/sbin/nologin streamlit", "&& adduser --disabled-password --gecos '' --ingroup streamlit streamlit"), expect: .needsEvidence),
      .change("USER from a build argument without a default", .edit(.dockerfile, "USER streamlit", "ARG APP_USER\nUSER $APP_USER"), expect: .needsEvidence),
      .change("no USER on a base image the catalog does not know", .edit(.dockerfile, "USER streamlit\n", ""), .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM mycorp/python:3.12-slim AS runtime"), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .notApplicable("no Dockerfile") }
    guard let uidValue = context.value("uid"), let uid = uidValue.integer else { return .missingValue("uid", of: "1.3") }
    let facts = dockerfile.finalImage
    let at = facts.user?.location ?? dockerfile.finalStage.location
    switch facts.effectiveUser {
    case .nonRoot(let actual?, let name, let evidence) where actual == uid:
      return .pass("USER \(name ?? String(actual)) resolves to UID \(actual): \(evidence.reason)", evidence: [at])
    case .nonRoot(let actual?, let name, let evidence):
      return .fail(.error("the image runs as \(name ?? "?") with UID \(actual) (\(evidence.reason)); \(uidValue.cited) requires UID \(uid)", at: at))
    case .nonRoot(nil, let name, let evidence):
      return .needsEvidence("the image runs as non-root user \(name ?? "?"), but its UID is not in the files (\(evidence.reason)); give it explicitly (`useradd --uid \(uid)`, or `USER \(uid)`) so requirement 1.3's UID \(uid) can be checked", evidence: [at])
    case .root(let evidence):
      return .fail(.error("the image runs as root: \(evidence.reason); \(uidValue.cited) requires a non-root user with UID \(uid)", at: at))
    case .missing(let evidence):
      return .fail(.error("the image's USER does not exist in the image, so the container does not start: \(evidence.reason); \(uidValue.cited) requires a non-root user with UID \(uid)", at: at))
    case .unresolved(let evidence):
      return .needsEvidence("the image's user cannot be resolved to a UID from the files: \(evidence.reason); \(uidValue.cited) requires UID \(uid)", evidence: [at])
    }
  }
}

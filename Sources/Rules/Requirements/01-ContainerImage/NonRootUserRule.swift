import Diagnostics
import DockerfileModel
import TemplateModel

/// 1.3: the image's processes run as a non-root user with the required UID.
///
/// Who runs is the container definition's `User` when the task definition sets one (ECS
/// passes it to the container runtime, which overrides the image's USER: "user" in
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security),
/// else the Dockerfile's last USER. `User` is resolved like USER (`user`, `uid`,
/// `user:group`, `uid:gid`; names through the accounts RUN creates).
struct NonRootUserRule: Rule {
  static let definition = RuleDefinition(
    id: "non-root-uid",
    requirements: ["1.3"],
    title: "Container runs as the non-root user with the required UID",
    rationale: "A process running as root in the container is root on any mounted volume and one kernel bug away from the host. USER is resolved to a UID through the accounts RUN creates (useradd/adduser) or the base image's default; a container definition's User overrides it on ECS.",
    scope: .repository, artifacts: [.dockerfile],
    sources: [
      "https://docs.docker.com/reference/dockerfile/#user",
      "https://manpages.debian.org/bookworm/passwd/useradd.8.en.html",
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
    ],
    examples: [
      .compliant(),
      .change("USER root", .edit(.dockerfile, "USER streamlit", "USER root")),
      .change("no USER", .edit(.dockerfile, "USER streamlit\n", "")),
      .change("USER after a lone CR in a comment (one comment line for BuildKit)", .edit(.dockerfile, "USER streamlit\n", "# drop root\rUSER streamlit\n")),
      .change("USER line ending in CRLF", .edit(.dockerfile, "USER streamlit\n", "USER streamlit\r\n"), expect: .pass),
      .change("user created with UID 1001", .edit(.dockerfile, "useradd --uid 1000", "useradd --uid 1001")),
      .change("a user never created", .edit(.dockerfile, "USER streamlit", "USER app"), expect: .fail),
      .change("user created by useradd without a UID", .edit(.dockerfile, "useradd --uid 1000 --gid 1000", "useradd --gid 1000"), expect: .needsEvidence),
      .change("user created by adduser without a UID", .edit(.dockerfile, "&& useradd --uid 1000 --gid 1000 --create-home --home-dir /home/streamlit \\\n       --shell /usr/sbin/nologin streamlit", "&& adduser --disabled-password --gecos '' --ingroup streamlit streamlit"), expect: .needsEvidence),
      .change("usermod gives the user UID 0", .edit(.dockerfile, "USER streamlit\n", "RUN usermod -o -u 0 streamlit\nUSER streamlit\n"), expect: .needsEvidence),
      .change("/etc/passwd rewritten after useradd", .edit(.dockerfile, "USER streamlit\n", "RUN sed -i 's/^streamlit:x:1000:/streamlit:x:0:/' /etc/passwd\nUSER streamlit\n"), expect: .needsEvidence),
      .change("a passwd file copied over the image's", .edit(.dockerfile, "USER streamlit\n", "COPY --chown=root:root streamlit_ui/requirements.txt /etc/passwd\nUSER streamlit\n"), expect: .needsEvidence),
      .change("USER from a build argument without a default", .edit(.dockerfile, "USER streamlit", "ARG APP_USER\nUSER $APP_USER"), expect: .needsEvidence),
      .change("no USER on a base image the catalog does not know", .edit(.dockerfile, "USER streamlit\n", ""), .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM mycorp/python:3.12-slim AS runtime"), expect: .needsEvidence),
      .change("task definition runs the container as User \"0\"", .edit(.template, "          Essential: true\n", "          Essential: true\n          User: \"0\"\n")),
      .change("task definition runs the container as User root:root", .edit(.template, "          Essential: true\n", "          Essential: true\n          User: root:root\n")),
      .change("task definition runs the container as User \"1000:1000\"", .edit(.template, "          Essential: true\n", "          Essential: true\n          User: \"1000:1000\"\n"), expect: .pass),
      .change("task definition runs the container as User streamlit", .edit(.template, "          Essential: true\n", "          Essential: true\n          User: streamlit\n"), expect: .pass),
      .change(
        "the service runs a task definition a nested stack outputs (its container may set a User)",
        OutsideResourceEdits.addTaskStack, OutsideResourceEdits.serviceRunsNestedTaskDefinition, expect: .needsEvidence),
      .change("task definition's User 1001 over USER streamlit", .edit(.template, "          Essential: true\n", "          Essential: true\n          User: \"1001\"\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .absent("no Dockerfile") }
    guard let uidValue = context.value("uid"), let uid = uidValue.integer else { return .missingValue("uid", of: "1.3") }
    let facts = dockerfile.finalImage
    var resolution = facts.effectiveUser
    var at = facts.user?.location ?? dockerfile.finalStage.location
    var who = "the image"
    // The first container definition (of any env) whose User overrides the image's USER.
    let overrides = context.project.environments.lazy.flatMap { environment in
      environment.serviceContainers.lazy.compactMap { container in container["User"].map { (container, $0) } }
    }
    if let (container, user) = overrides.first {
      at = user.location
      who = "container \(container.name ?? "?") (task definition User \(user.display), which overrides the image's USER)"
      if let text = user.string {
        let userPart = String(text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        resolution = UserResolution.resolve(.resolved(userPart), accounts: facts.accounts, base: facts.baseProfile, at: user.location)
      } else {
        resolution = .unresolved(Evidence("the task definition's User \(user.display) is not known statically", at: user.location))
      }
    }
    switch resolution {
    case .nonRoot(let actual?, let name, let evidence) where actual == uid:
      let note = "\(who == "the image" ? "USER" : who + ":") \(name ?? String(actual)) resolves to UID \(actual): \(evidence.reason)"
      // A task definition defined elsewhere may set a container User over the image's USER.
      if who == "the image", let outside = context.project.environments.lazy.flatMap(\.serviceTaskDefinitions.outside).first {
        return .needsEvidence(
          "\(note); but \(outside.service.logicalID) runs task definition \(outside.value?.display ?? "?"), which this template does not define: whether its container sets a User over the image's cannot be read from these files",
          evidence: [at, outside.value?.location ?? outside.service.location])
      }
      return .pass(note, evidence: [at])
    case .nonRoot(let actual?, let name, let evidence):
      return .fail(.error("\(who) runs as \(name ?? "?") with UID \(actual) (\(evidence.reason)); \(uidValue.cited) requires UID \(uid)", at: at))
    case .nonRoot(nil, let name, let evidence):
      return .needsEvidence("\(who) runs as non-root user \(name ?? "?"), but its UID is not in the files (\(evidence.reason)); give it explicitly (`useradd --uid \(uid)`, or `USER \(uid)`) so requirement 1.3's UID \(uid) can be checked", evidence: [at])
    case .root(let evidence):
      return .fail(.error("\(who) runs as root: \(evidence.reason); \(uidValue.cited) requires a non-root user with UID \(uid)", at: at))
    case .missing(let evidence):
      return .fail(.error("\(who)'s user does not exist in the image, so the container does not start: \(evidence.reason); \(uidValue.cited) requires a non-root user with UID \(uid)", at: at))
    case .unresolved(let evidence):
      return .needsEvidence("\(who)'s user cannot be resolved to a UID from the files: \(evidence.reason); \(uidValue.cited) requires UID \(uid)", evidence: [at])
    }
  }
}

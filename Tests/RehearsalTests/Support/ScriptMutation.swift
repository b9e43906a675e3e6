import Testing

/// A deliberate fault in deploy.sh: text replacements, and the requirements it must turn
/// to fail in both the rehearsal and the static rules.
struct ScriptMutation: Sendable, CustomTestStringConvertible {
  var name: String
  var edits: [(find: String, replace: String)]
  /// Requirement IDs ("11.6") the mutation breaks.
  var breaks: Set<String>

  var testDescription: String { name }

  /// `text` with every edit applied; throws when a text to replace is gone (a stale mutation).
  func apply(to text: String) throws -> String {
    var result = text
    for edit in edits {
      guard result.contains(edit.find) else { throw RehearsalError.staleMutation(edit.find) }
      result = result.replacingOccurrences(of: edit.find, with: edit.replace)
    }
    return result
  }

  /// The four mutations of issue 9, three more that each break one requirement, then the
  /// kinds an adversarial review found the static rules missed: waits whose failure does
  /// not stop the script, URLs not printed or read elsewhere, tags that are not HEAD's
  /// SHA, logins to another registry, other push commands, an env that stops early (the
  /// last ones with `breaks: []` pass both ways).
  static let all: [ScriptMutation] = [
    ScriptMutation(
      name: "drop the latest push", edits: [("docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n", "")], breaks: ["2.3", "11.4"]),
    ScriptMutation(
      name: "drop the wait", edits: [("wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n", "")], breaks: ["11.6"]),
    ScriptMutation(
      name: "change the stack name",
      edits: [("readonly STACK_NAME=\"vibejudge-dashboard-${ENV}\"", "readonly STACK_NAME=\"vibejudge-${ENV}\"")], breaks: ["11.7"]),
    ScriptMutation(
      name: "pass only ImageTag as overrides",
      edits: [(
        "    --parameter-overrides \\\n    \"Environment=${ENV}\" \\\n    \"ImageTag=${IMAGE_TAG}\" \\\n    \"DeployService=$1\" \\\n    \"DomainName=\\\"${DOMAIN_NAME}\\\"\" \\\n    \"AlarmEmail=\\\"${ALARM_EMAIL}\\\"\"\n",
        "    --parameter-overrides \\\n    \"ImageTag=${IMAGE_TAG}\"\n"
      )],
      breaks: ["11.5"]),
    ScriptMutation(
      name: "SAM CLI floor lowered to 1.90", edits: [("readonly MIN_SAM_VERSION=\"1.100.0\"", "readonly MIN_SAM_VERSION=\"1.90.0\"")],
      breaks: ["11.1"]),
    ScriptMutation(
      name: "SAM CLI version check inverted (rejects 1.100+, accepts older)",
      edits: [("  if ! version_ge \"$sam_version\" \"$MIN_SAM_VERSION\"; then", "  if version_ge \"$sam_version\" \"$MIN_SAM_VERSION\"; then")], breaks: ["11.1"]),
    ScriptMutation(
      name: "Docker daemon not checked", edits: [("  if ! docker info >/dev/null 2>&1; then", "  if ! true; then")], breaks: ["11.1"]),
    ScriptMutation(
      name: "service wait deadline of 10 minutes",
      edits: [("readonly STABLE_TIMEOUT_SECONDS=900 # 15 minutes", "readonly STABLE_TIMEOUT_SECONDS=600 # 10 minutes")], breaks: ["11.6"]),
  ] + waits + urls + tags + logins

  /// Changes that keep every requirement: each must pass both ways in both envs.
  static let equivalents: [ScriptMutation] = [
    ScriptMutation(name: "`|| true` on a wait that exits through die", edits: [(wait, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" || true\n")], breaks: []),
    ScriptMutation(name: "full SHA cut to 7 characters", edits: [(tagCommand, tagged("git rev-parse HEAD | cut -c1-7"))], breaks: []),
    ScriptMutation(name: "git log -1 --format=%h", edits: [(tagCommand, tagged("git log -1 --format=%h"))], breaks: []),
  ] + pushForms

  /// Every mutation, for the checks that only need the script to stay valid bash.
  static let everything: [ScriptMutation] = all + equivalents + stops

  static let wait = "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\n"
  static let giveUp =
    "      die \"ECS service ${service} did not become stable within $((STABLE_TIMEOUT_SECONDS / 60)) minutes (${running}/${desired} tasks running, ${deployments} deployments, rollout ${rollout}); see RUNBOOK.md\"\n"

  /// 11.6: the wait must give up at its deadline and its failure must stop the script.
  /// (`&` is not rehearsed: the background job would outlive the run and write into the
  /// world the next run reads.)
  static let waits: [ScriptMutation] = [
    ScriptMutation(name: "no deadline check in the wait loop", edits: [("    if ((SECONDS >= deadline)); then\n" + giveUp + "    fi\n", "")], breaks: ["11.6"]),
    ScriptMutation(
      name: "the deadline returns 1 and `|| :` ignores it",
      edits: [(giveUp, "      return 1\n"), (wait, "wait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\" || :\n")], breaks: ["11.6"]),
    ScriptMutation(
      name: "the deadline returns 1 under set +e",
      edits: [(giveUp, "      return 1\n"), (wait, "set +e\nwait_for_service_stable \"$CLUSTER_NAME\" \"$SERVICE_NAME\"\nset -e\n")], breaks: ["11.6"]),
  ]

  static let urlPrints =
    "printf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\n"
    + "printf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n"

  /// 11.7: the URL reaches the terminal, read in the deployed stack's region.
  static let urls: [ScriptMutation] = [
    ScriptMutation(name: "the URL is never printed", edits: [(urlPrints, "")], breaks: ["11.7"]),
    ScriptMutation(name: "the URL is printed to /dev/null", edits: [(urlPrints, "{\n" + urlPrints + "} >/dev/null\n")], breaks: ["11.7"]),
    ScriptMutation(
      name: "stack outputs read in another region",
      edits: [(
        "  value=\"$(aws cloudformation describe-stacks --stack-name \"$STACK_NAME\" --region \"$REGION\"",
        "  value=\"$(aws cloudformation describe-stacks --stack-name \"$STACK_NAME\" --region eu-west-1"
      )], breaks: ["11.7"]),
  ]

  static let tagCommand = "if ! IMAGE_TAG=\"$(git rev-parse --short HEAD)\"; then"
  static func tagged(_ command: String) -> String { "if ! IMAGE_TAG=\"$(\(command))\"; then" }

  /// 11.2: only the current commit's SHA is the commit tag.
  static let tags: [ScriptMutation] = [
    ScriptMutation(name: "tagged with the branch name", edits: [(tagCommand, tagged("git rev-parse --abbrev-ref HEAD"))], breaks: ["2.3", "11.2", "11.4", "11.5"]),
    ScriptMutation(name: "tagged with the parent commit", edits: [(tagCommand, tagged("git rev-parse --short HEAD~1"))], breaks: ["2.3", "11.2", "11.4", "11.5"]),
  ]

  static let login = "if ! aws ecr get-login-password --region \"$REGION\" | docker login --username AWS --password-stdin \"$REGISTRY\"; then"

  /// 11.4: the login is to the push registry, with a token of its region.
  static let logins: [ScriptMutation] = [
    ScriptMutation(
      name: "login token for another region",
      edits: [(login, "if ! aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin \"$REGISTRY\"; then")],
      breaks: ["11.4"]),
    ScriptMutation(
      name: "login to another region's registry",
      edits: [(login, "if ! aws ecr get-login-password --region \"$REGION\" | docker login --username AWS --password-stdin \"${ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com\"; then")],
      breaks: ["11.4"]),
  ]

  static let pushes =
    "docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\" || die \"docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated\"\n"
    + "docker push \"${REPOSITORY_URI}:latest\" || die \"docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated\"\n"

  /// 2.3, 11.4: other ways to push both tags are pushes too.
  static let pushForms: [ScriptMutation] = [
    ScriptMutation(name: "docker push --all-tags", edits: [(pushes, "docker push --all-tags \"${REPOSITORY_URI}\" || die \"docker push failed\"\n")], breaks: []),
    ScriptMutation(
      name: "docker image push",
      edits: [(pushes, "docker image push \"${REPOSITORY_URI}:${IMAGE_TAG}\"\ndocker image push --quiet \"${REPOSITORY_URI}:latest\"\n")], breaks: []),
    ScriptMutation(
      name: "docker buildx build --push after the login",
      edits: [(
        pushes,
        "docker buildx build --push --platform linux/amd64 --build-arg \"APP_VERSION=${IMAGE_TAG}\" -f docker/Dockerfile -t \"${REPOSITORY_URI}:${IMAGE_TAG}\" -t \"${REPOSITORY_URI}:latest\" .\n"
      )], breaks: []),
  ]

  static let stopBeforeBuild = "case \"$ENV\" in\n  prod)\n    echo \"prod is not supported yet\"\n    exit 1\n    ;;\nesac\n\n# --- 2. Build (before touching AWS resources)"

  /// An env the script refuses after its prerequisite checks: dev deploys, prod stops
  /// (EarlyExitTests).
  static let stops: [ScriptMutation] = [
    ScriptMutation(name: "prod stops before the build", edits: [("# --- 2. Build (before touching AWS resources)", stopBeforeBuild)], breaks: [])
  ]
}

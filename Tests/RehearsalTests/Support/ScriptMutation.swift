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

  /// The four mutations of issue 9, then three more that each break one requirement.
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
      name: "Docker daemon not checked", edits: [("  if ! docker info >/dev/null 2>&1; then", "  if ! true; then")], breaks: ["11.1"]),
    ScriptMutation(
      name: "service wait deadline of 10 minutes",
      edits: [("readonly STABLE_TIMEOUT_SECONDS=900 # 15 minutes", "readonly STABLE_TIMEOUT_SECONDS=600 # 10 minutes")], breaks: ["11.6"]),
  ]
}

import ShellScriptModel
import TemplateModel

/// 11.7: the script prints the ALB URL read from the outputs of the stack it deployed.
struct StackOutputURLRule: Rule {
  static let definition = RuleDefinition(
    id: "print-alb-url",
    requirements: ["11.7"],
    title: "Script prints the ALB URL from the stack outputs",
    rationale: "The dashboard's address comes from the stack (`aws cloudformation describe-stacks ... Outputs`), so it is right after every deploy; the output key must be one the template defines with the load balancer's DNS name (or a URL built from it).",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript, .template],
    sources: ["https://awscli.amazonaws.com/v2/documentation/api/latest/reference/cloudformation/describe-stacks.html"],
    examples: [
      .compliant(),
      .change("the Region comes from the caller's AWS_REGION, the same for sam deploy and describe-stacks", .edit(.deployScript, "readonly REGION=\"us-east-1\"", "readonly REGION=\"${AWS_REGION}\""), expect: .pass),
      .change("printf aliased to true (aliases expanded)", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nshopt -s expand_aliases\nalias printf=true\n"), expect: .needsEvidence),
      .change("printf replaced by a function that prints nothing", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nprintf() { :; }\n"), expect: .fail),
      .change("reads an output the template does not have", .edit(.deployScript, "require_output ALB_DNS_NAME LoadBalancerDnsName", "require_output ALB_DNS_NAME AlbDnsName"), .edit(.deployScript, "require_output DASHBOARD_URL DashboardUrl", "require_output DASHBOARD_URL AlbUrl")),
      .change("a misspelt output key for the URL", .edit(.deployScript, "require_output DASHBOARD_URL DashboardUrl", "require_output DASHBOARD_URL DashboardURL")),
      .change("the URL is never printed", .edit(.deployScript, "printf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\nprintf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n", "")),
      .change("the URL is printed to /dev/null", .edit(.deployScript, "printf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\nprintf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n", "{\nprintf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\nprintf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n} >/dev/null\n")),
      .change("the URL is written to a file", .edit(.deployScript, "printf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\nprintf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n", "printf '%s\\n' \"$DASHBOARD_URL\" \"$ALB_DNS_NAME\" >deployed-url.txt\n")),
      .change("only the cluster name is printed", .edit(.deployScript, "printf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\nprintf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n", "echo \"cluster: $CLUSTER_NAME\"\n")),
      .change("the URL is printed on standard error", .edit(.deployScript, "printf '\\n  Dashboard URL:  %s\\n' \"$DASHBOARD_URL\"\nprintf '  ALB DNS name:   %s\\n' \"$ALB_DNS_NAME\"\nprintf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\\n\\n' \"$ALB_DNS_NAME\"\n", "echo \"$DASHBOARD_URL\" >&2\n"), expect: .pass),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    CommandShadowingLimit.limit(unlimitedVerdict(context), relyingOnCommandsNamed: ["aws", "echo", "printf", "exit"], in: context)
  }

  /// The verdict as the script reads, before `CommandShadowingLimit`.
  private func unlimitedVerdict(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    let template = context.template
    let balancers = Set(template.loadBalancers.map(\.logicalID))
    let urlOutputs = Set(template.outputs.filter { output in
      guard let value = output.value else { return false }
      return balancers.contains { value.mentions($0) } || (output.name.lowercased().containsText("url") && output.name.lowercased().containsText("dashboard"))
    }.map(\.name))
    let reads = run.evaluation.commands.filter { $0.isCommand("aws") && $0.isSubcommand("cloudformation", "describe-stacks") }
    let queried = reads.compactMap { read -> (CommandInvocation, [String])? in
      guard let query = read.value(ofFlag: "--query")?.value else { return nil }
      let keys = (query.possibleValues() ?? [query.description]).flatMap(Self.outputKeys)
      return (read, keys)
    }
    let urlReads = queried.filter { !Set($0.1).isDisjoint(with: urlOutputs) }
    // Every key matters, not only the URL's: a misspelt key stops `require_output` (or
    // leaves the printed value empty) before the URL is printed.
    let undefined = StackOutputKeys.undefined(in: context, before: nil)
    if !undefined.isEmpty { return Verdict(findings: undefined, passNote: "") }
    guard let firstRead = urlReads.first else {
      let keys = Set(queried.flatMap(\.1))
      let missing = "no describe-stacks call reads an output with the ALB DNS name (template outputs: \(urlOutputs.sorted().joined(separator: ", "))); the script reads \(keys.isEmpty ? "no output" : keys.sorted().joined(separator: ", "))"
      return .fail(context.scriptStop(before: "it reads the load balancer URL from the stack outputs") ?? .error(missing, at: reads.first?.location ?? context.scriptStart))
    }
    let keys = Set(urlReads.flatMap(\.1)).intersection(urlOutputs).sorted().joined(separator: ", ")
    let printing = URLPrint.find(reading: urlReads.map(\.0), in: run.evaluation)
    if let printed = printing.first(where: { $0.isPrinted }) {
      return .pass("prints output \(keys) of the stack", evidence: [firstRead.0.location, printed.command.location])
    }
    if let unknown = printing.first(where: { if case .unknown = $0.destination { true } else { false } }) {
      return .needsEvidence("the script writes the URL (output \(keys)) where only the run decides (\(unknown.command.location))", evidence: [unknown.command.location])
    }
    if let hidden = printing.first {
      return .fail(.error("the script writes the load balancer URL (output \(keys)) only \(hidden.whereTo): nobody running the script sees it", at: hidden.command.location, related: [.init("the stack output it comes from", at: firstRead.0.location)]))
    }
    return .fail(context.scriptStop(before: "it prints the load balancer URL") ?? .error("the script reads the ALB URL (output \(keys)) but never prints it (no echo/printf of a value that comes from that describe-stacks reaches the terminal)", at: firstRead.0.location))
  }

  /// `OutputKey=='X'` names in a JMESPath query.
  static func outputKeys(_ query: String) -> [String] {
    var keys: [String] = []
    var rest = query[...]
    while let range = rest.rangeOfText("OutputKey") {
      rest = rest[range.upperBound...]
      let afterEquals = rest.drop { $0 == " " || $0 == "=" }
      guard let quote = afterEquals.first, quote == "'" || quote == "`" || quote == "\"" else { continue }
      let body = afterEquals.dropFirst()
      guard let end = body.firstIndex(of: quote) else { break }
      keys.append(String(body[..<end]))
      rest = body[end...]
    }
    return keys
  }
}

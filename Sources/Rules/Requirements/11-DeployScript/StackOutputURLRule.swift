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
      .change("reads an output the template does not have", .edit(.deployScript, "require_output ALB_DNS_NAME LoadBalancerDnsName", "require_output ALB_DNS_NAME AlbDnsName"), .edit(.deployScript, "require_output DASHBOARD_URL DashboardUrl", "require_output DASHBOARD_URL AlbUrl")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .notApplicable("no deploy script") }
    let template = context.template
    let balancers = Set(template.loadBalancers.map(\.logicalID))
    let urlOutputs = Set(template.outputs.filter { output in
      guard let value = output.value else { return false }
      return balancers.contains { value.mentions($0) } || (output.name.lowercased().contains("url") && output.name.lowercased().contains("dashboard"))
    }.map(\.name))
    let reads = run.evaluation.commands.filter { $0.isCommand("aws") && $0.isSubcommand("cloudformation", "describe-stacks") }
    let queried = reads.compactMap { read -> (CommandInvocation, [String])? in
      guard let query = read.value(ofFlag: "--query")?.value else { return nil }
      let keys = (query.possibleValues() ?? [query.description]).flatMap(Self.outputKeys)
      return (read, keys)
    }
    if let match = queried.first(where: { !Set($0.1).isDisjoint(with: urlOutputs) }) {
      let printed = run.evaluation.commands.contains { ($0.isCommand("echo") || $0.isCommand("printf")) && $0.order > match.0.order }
      if printed { return .pass("prints output \(Set(match.1).intersection(urlOutputs).sorted().joined(separator: ", ")) of the stack", evidence: [match.0.location]) }
      return .fail(.error("the script reads the ALB output but prints nothing after it", at: match.0.location))
    }
    let keys = Set(queried.flatMap(\.1))
    return .fail(.error("no describe-stacks call reads an output with the ALB DNS name (template outputs: \(urlOutputs.sorted().joined(separator: ", "))); the script reads \(keys.isEmpty ? "no output" : keys.sorted().joined(separator: ", "))", at: reads.first?.location ?? context.scriptStart))
  }

  /// `OutputKey=='X'` names in a JMESPath query.
  static func outputKeys(_ query: String) -> [String] {
    var keys: [String] = []
    var rest = query[...]
    while let range = rest.range(of: "OutputKey") {
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

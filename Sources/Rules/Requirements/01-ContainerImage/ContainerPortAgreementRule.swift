import Diagnostics
import DockerfileModel
import Requirements
import TemplateModel

/// 1.4, 4.3, 6.7, 8.2: the container port agrees everywhere it is written — Dockerfile
/// EXPOSE, the app's start command, the task definition's port mapping, the service's
/// load balancer entry, the target group and the task security group — whatever the
/// number is. The required number itself is checked by the rules of each requirement.
struct ContainerPortAgreementRule: Rule {
  static let definition = RuleDefinition(
    id: "container-port-agreement",
    requirements: ["1.4", "4.3", "6.7", "8.2"],
    title: "The container port agrees across Dockerfile, app, task, service and security group",
    rationale: "A port changed in one file and not the others deploys cleanly and serves nothing: the ALB probes a port nobody listens on, or the security group blocks the one that is used. No declared value is needed to see the disagreement.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template, .dockerfile],
    sources: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings"],
    examples: [
      .compliant(),
      .change("EXPOSE 8080 while everything else says 8501", .edit(.dockerfile, "EXPOSE 8501", "EXPOSE 8080")),
      .change("Streamlit started on 8080", .edit(.dockerfile, "\"--server.port=8501\"", "\"--server.port=8080\""), alsoFails: ["4.7"]),
      .change("task definition Command starts Streamlit on 8080", .edit(.template, "          Essential: true\n", "          Essential: true\n          Command: [\"streamlit\", \"run\", \"app.py\", \"--server.port=8080\"]\n"), alsoFails: ["4.7"]),
      .change("task definition EntryPoint runs sh -c with --server.port 9000", .edit(.template, "          Essential: true\n", "          Essential: true\n          EntryPoint: [\"sh\", \"-c\", \"streamlit run app.py --server.port 9000\"]\n"), alsoFails: ["4.7"]),
      .change(
        "task definition Command with an element known only at deploy time (it replaces the image's CMD)",
        .edit(.template, "          Essential: true\n", "          Essential: true\n          Command: [\"streamlit\", \"run\", \"app.py\", !ImportValue shared-streamlit-flag]\n"), expect: .needsEvidence),
      .change("task definition Command with --server.port=8501", .edit(.template, "          Essential: true\n", "          Essential: true\n          Command: [\"streamlit\", \"run\", \"app.py\", \"--server.port=8501\"]\n"), expect: .pass),
      .change("no --server.port and the task Environment sets STREAMLIT_SERVER_PORT=8080", .edit(.dockerfile, "\"--server.port=8501\", ", ""), .edit(.template, "            - Name: API_BASE_URL\n", "            - Name: STREAMLIT_SERVER_PORT\n              Value: \"8080\"\n            - Name: API_BASE_URL\n"), alsoFails: ["4.7"]),
      .fixture("Tests/RequirementTests/Fixtures/streamlit-config-port-8080", "no --server.port, no STREAMLIT_SERVER_PORT and port = 8080 in streamlit_ui/.streamlit/config.toml", .edit(.dockerfile, "\"--server.port=8501\", ", ""), .edit(.dockerfile, "    STREAMLIT_SERVER_PORT=8501 \\\n", ""), expect: .fail, alsoFails: ["4.7"]),
      .change("no --server.port and no STREAMLIT_SERVER_PORT: config.toml's port 8501 decides", .edit(.dockerfile, "\"--server.port=8501\", ", ""), .edit(.dockerfile, "    STREAMLIT_SERVER_PORT=8501 \\\n", ""), expect: .pass),
      .change("security group admits 8080", .edit(.template, "          FromPort: 8501\n          ToPort: 8501\n          SourceSecurityGroupId: !Ref AlbSecurityGroup", "          FromPort: 8080\n          ToPort: 8080\n          SourceSecurityGroupId: !Ref AlbSecurityGroup"), alsoFails: ["8.2"]),
    ])

  struct Claim {
    var port: Int
    var what: String
    var location: SourceLocation
    var requirement: RequirementID
  }

  func evaluate(_ context: RuleContext) -> Verdict {
    var claims: [Claim] = []
    // Containers whose app port the files cannot show (a Command known only at deploy time).
    var undecided: [(note: String, at: SourceLocation)] = []
    if let facts = context.project.dockerfile?.finalImage {
      for exposed in facts.exposedPorts {
        if case .port(let spec) = exposed.value, spec.ports.count == 1 {
          claims.append(Claim(port: spec.ports.lowerBound, what: "Dockerfile EXPOSE \(spec)", location: exposed.location, requirement: "1.4"))
        }
      }
    }
    let template = context.template
    // The app's port as each container the load balancer reaches starts it (the task
    // definition's Command, EntryPoint and Environment replace the image's), else as the
    // image starts it.
    if let facts = context.project.dockerfile?.finalImage {
      var bound: [ContainerDefinition] = []
      for service in template.services {
        guard let task = template.taskDefinition(of: service) else { continue }
        for binding in template.loadBalancerBindings(of: service) {
          if let container = template.containers(of: task).first(where: { $0.name == binding["ContainerName"]?.string }),
            !bound.contains(where: { $0.path == container.path })
          {
            bound.append(container)
          }
        }
      }
      for container in bound.isEmpty ? [nil] : bound.map(Optional.some) {
        let app = AppListenPort(facts, container: container, project: context.project)
        if let listen = app.port {
          claims.append(Claim(port: listen.port, what: listen.how, location: listen.location, requirement: "1.4"))
        } else if container != nil, let problem = app.problem, !problem.expanded {
          undecided.append((problem.message, problem.location))
        }
      }
    }
    for service in template.services {
      guard let task = template.taskDefinition(of: service) else { continue }
      for binding in template.loadBalancerBindings(of: service) {
        guard let port = binding["ContainerPort"]?.int else { continue }
        claims.append(Claim(port: port, what: "\(service.logicalID) LoadBalancers ContainerPort", location: binding["ContainerPort"]!.location, requirement: "6.7"))
        if let container = template.containers(of: task).first(where: { $0.name == binding["ContainerName"]?.string }),
          let mapping = container.portMappings.first, let mapped = mapping["ContainerPort"]?.int
        {
          claims.append(Claim(port: mapped, what: "container \(container.name ?? "?") ContainerPort", location: mapping.location, requirement: "4.3"))
        }
        if let group = template.resource(referencedBy: binding["TargetGroupArn"], ofType: EvaluatedTemplate.targetGroupType), let groupPort = group["Port"]?.int {
          claims.append(Claim(port: groupPort, what: "target group \(group.logicalID) Port", location: group["Port"]!.location, requirement: "6.7"))
        }
      }
      let albGroups = Set(template.loadBalancers.flatMap { template.securityGroups(of: $0) })
      for group in template.securityGroups(ofService: service) {
        for rule in template.securityGroupRules(.ingress, of: group) {
          guard let source = rule.node["SourceSecurityGroupId"], albGroups.contains(where: { source.mentions($0) }),
            let ports = rule.ports, ports.count == 1
          else { continue }
          claims.append(Claim(port: ports.lowerBound, what: "\(group) ingress from the ALB", location: rule.location, requirement: "8.2"))
        }
      }
    }
    guard claims.count > 1 else { return .notApplicable("the port is written in fewer than two places") }
    let counts = Dictionary(grouping: claims, by: \.port).mapValues(\.count)
    let agreed = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
    let reference = claims.first { $0.port == agreed }!
    let disagreeing = claims.filter { $0.port != agreed }
    if disagreeing.isEmpty, !undecided.isEmpty {
      return .needsEvidence("port \(agreed) in \(claims.count) places, but \(undecided.map(\.note).joined(separator: "; ")): the port the app listens on in the task is not known", evidence: undecided.map(\.at))
    }
    return Verdict(findings: disagreeing.map { claim in
      var finding = Finding.error("\(claim.what) is \(claim.port) while \(counts[agreed]!) other place(s) say \(agreed) (e.g. \(reference.what))", at: claim.location, related: [.init(reference.what, at: reference.location)])
      finding.onlyRequirements = [claim.requirement]
      return finding
    }, passNote: "port \(agreed) in all \(claims.count) places (\(Set(claims.map(\.what)).count) kinds)")
  }
}

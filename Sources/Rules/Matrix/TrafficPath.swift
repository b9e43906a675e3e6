import TemplateModel

/// The request path of an evaluated template: internet → internet-facing load balancer
/// listeners → (redirects between listeners) → target groups → the ECS services whose
/// tasks register with them, each hop with the security group rules that admit it.
struct TrafficPath {
  var edges: [ArchitectureGraph.Edge] = []
  private let template: EvaluatedTemplate

  init(_ template: EvaluatedTemplate) {
    self.template = template
    for loadBalancer in template.loadBalancers {
      // Scheme defaults to internet-facing (AWS::ElasticLoadBalancingV2::LoadBalancer, Scheme).
      let isPublic = (loadBalancer["Scheme"]?.string ?? "internet-facing") == "internet-facing"
      let groups = template.securityGroups(of: loadBalancer)
      let listeners = template.listeners(of: loadBalancer)
      for listener in listeners {
        let port = listener["Port"]?.int
        let name = "\(listener["Protocol"]?.string ?? "?") \(port.map(String.init) ?? "?")"
        if isPublic {
          let admitting = port.map { port in groups.flatMap { ingress(of: $0, port: port, publicOnly: true) } } ?? []
          let label = admitting.isEmpty
            ? "\(name): no ingress rule of \(groups.isEmpty ? "its security groups" : groups.joined(separator: ", ")) admits it from the internet"
            : "\(name): " + admitting.joined(separator: "; ")
          add("internet", listener.logicalID, label, admitting.isEmpty ? .blocked : .traffic)
        }
        for action in listener["DefaultActions"]?.list ?? [] {
          follow(action, from: listener.logicalID, via: "default action", listeners: listeners)
        }
        for rule in template.listenerRules(of: listener) {
          for action in rule["Actions"]?.list ?? [] {
            follow(action, from: listener.logicalID, via: "rule \(rule.logicalID) (priority \(rule["Priority"]?.display ?? "?"))", listeners: listeners)
          }
        }
      }
    }
    for service in template.services {
      for binding in template.loadBalancerBindings(of: service) {
        guard let targetGroup = template.resource(referencedBy: binding["TargetGroupArn"], ofType: EvaluatedTemplate.targetGroupType) else { continue }
        let port = binding["ContainerPort"]?.int
        let container = binding["ContainerName"]?.string.map { " (container \($0))" } ?? ""
        guard let port else {
          add(targetGroup.logicalID, service.logicalID, "tasks on port \(binding["ContainerPort"]?.display ?? "?")\(container)", .traffic)
          continue
        }
        let senders = loadBalancers(forwardingTo: targetGroup.logicalID)
        let senderGroups = senders.flatMap { template.securityGroups(of: $0) }
        let allowedOut = senderGroups.flatMap { self.egress(of: $0, port: port) }
        let taskGroups = template.securityGroups(ofService: service)
        let allowedIn = taskGroups.flatMap { self.ingress(of: $0, port: port, publicOnly: false) }
        var parts = ["tasks on \(port)\(container)"]
        parts += allowedOut.isEmpty && !senderGroups.isEmpty ? ["no egress rule of \(senderGroups.joined(separator: ", ")) admits \(port)"] : allowedOut
        parts += allowedIn.isEmpty ? ["no ingress rule of \(taskGroups.isEmpty ? "the tasks' security groups" : taskGroups.joined(separator: ", ")) admits \(port)"] : allowedIn
        let blocked = allowedIn.isEmpty || (allowedOut.isEmpty && !senderGroups.isEmpty)
        add(targetGroup.logicalID, service.logicalID, parts.joined(separator: "; "), blocked ? .blocked : .traffic)
      }
    }
  }

  private mutating func add(_ from: String, _ to: String, _ label: String, _ kind: ArchitectureGraph.Edge.Kind) {
    let edge = ArchitectureGraph.Edge(
      from: from == "internet" ? from : ArchitectureGraph.nodeID(from), to: ArchitectureGraph.nodeID(to), label: label, kind: kind)
    if !edges.contains(edge) { edges.append(edge) }
  }

  /// A listener action: `forward` to target groups, `redirect` to another listener of the
  /// same load balancer (by port).
  private mutating func follow(_ action: EvaluatedNode, from listener: String, via: String, listeners: [EvaluatedResource]) {
    switch action["Type"]?.string {
    case "forward":
      let arns = [action["TargetGroupArn"]].compactMap { $0 } + (action["ForwardConfig"]?["TargetGroups"]?.list ?? []).compactMap { $0["TargetGroupArn"] }
      for arn in arns {
        guard let group = template.resource(referencedBy: arn, ofType: EvaluatedTemplate.targetGroupType) else { continue }
        add(listener, group.logicalID, "forward (\(via))", .traffic)
      }
    case "redirect":
      let config = action["RedirectConfig"]
      guard let port = config?["Port"]?.int, let target = listeners.first(where: { $0["Port"]?.int == port }), target.logicalID != listener else { return }
      add(listener, target.logicalID, "redirect \(config?["StatusCode"]?.string ?? "") to \(config?["Protocol"]?.string ?? "") \(port)", .traffic)
    default:
      return
    }
  }

  /// Load balancers with a listener (or listener rule) forwarding to `targetGroup`.
  private func loadBalancers(forwardingTo targetGroup: String) -> [EvaluatedResource] {
    template.loadBalancers.filter { loadBalancer in
      template.listeners(of: loadBalancer).contains { listener in
        let actions = (listener["DefaultActions"]?.list ?? []) + template.listenerRules(of: listener).flatMap { $0["Actions"]?.list ?? [] }
        return actions.contains { $0.mentions(targetGroup) }
      }
    }
  }

  /// "AlbSecurityGroup ingress tcp 443 from 0.0.0.0/0" for each ingress rule of `group`
  /// covering `port` (from anywhere on the internet when `publicOnly`).
  private func ingress(of group: String, port: Int, publicOnly: Bool) -> [String] {
    template.securityGroupRules(.ingress, of: group).filter { rule in
      guard rule.ports?.contains(port) == true else { return false }
      guard publicOnly else { return true }
      let peer = rule.peer?.string
      return peer == "0.0.0.0/0" || peer == "::/0"
    }.map { "\(group) ingress \(describe($0)) from \(peer($0))" }
  }

  /// The egress rules of `group` covering `port`; a group without egress rules keeps the
  /// default allow-all egress.
  private func egress(of group: String, port: Int) -> [String] {
    let rules = template.securityGroupRules(.egress, of: group)
    if rules.isEmpty { return ["\(group) default egress (all traffic)"] }
    return rules.filter { $0.ports?.contains(port) == true }.map { "\(group) egress \(describe($0)) to \(peer($0))" }
  }

  private func describe(_ rule: SecurityGroupRule) -> String {
    rule.allTraffic ? "all traffic" : "\(rule.ipProtocol ?? "?") \(rule.portDescription)"
  }

  private func peer(_ rule: SecurityGroupRule) -> String {
    rule.peer?.referencedResource ?? rule.peerDescription
  }
}

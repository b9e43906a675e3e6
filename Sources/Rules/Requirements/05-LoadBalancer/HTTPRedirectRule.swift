import TemplateModel

/// 5.2: port 80 redirects to HTTPS 443.
struct HTTPRedirectRule: Rule {
  static let definition = RuleDefinition(
    id: "http-redirects-to-https",
    requirements: ["5.2"],
    title: "HTTP listener redirects to HTTPS",
    rationale: "A redirect action (Protocol HTTPS, Port \"443\", a permanent status) sends every plain-HTTP request to the encrypted listener; a forward action would serve the dashboard unencrypted.",
    scope: .perEnvironment, artifacts: [.template],
    sources: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html",
    ],
    examples: [
      .compliant(),
      .change("HTTP forwards", .edit(.template, "        - Type: redirect\n          RedirectConfig:\n            Protocol: HTTPS\n            Port: \"443\"\n            Host: \"#{host}\"\n            Path: \"/#{path}\"\n            Query: \"#{query}\"\n            StatusCode: HTTP_301", "        - Type: forward\n          TargetGroupArn: !Ref TargetGroup")),
      .change("temporary redirect", .edit(.template, "StatusCode: HTTP_301", "StatusCode: HTTP_302")),
      .change(
        "a listener rule on the HTTP listener forwards /app to the tasks",
        .edit(.template, "  HttpsListener:\n", """
            HttpAppRule:
              Type: AWS::ElasticLoadBalancingV2::ListenerRule
              Properties:
                ListenerArn: !Ref HttpListener
                Priority: 10
                Conditions:
                  - Field: path-pattern
                    PathPatternConfig:
                      Values: ["/app/*"]
                Actions:
                  - Type: forward
                    TargetGroupArn: !Ref TargetGroup

            HttpsListener:

          """)),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let http = context.value("http-port", of: "5.1")?.integer, let https = context.value("https-port", of: "5.1")?.integer,
      let status = context.value("redirect-status")
    else { return .missingValue("http-port/https-port/redirect-status", of: "5.2") }
    let template = context.template
    let listeners = template.serviceListeners(onPort: http)
    guard !listeners.isEmpty else {
      if template.serviceLoadBalancers.isEmpty { return context.withoutServiceLoadBalancers(for: "its HTTP listener redirects to HTTPS", what: "HTTP listener") }
      return context.missing("listener on port \(http)", for: "it redirects to HTTPS")
    }
    // A listener rule's actions replace the default action for the requests it matches.
    let ruleFindings: [Finding] = listeners.flatMap { listener in
      template.listenerRules(of: listener).flatMap { rule -> [Finding] in
        let forward = ForwardTargets(rule["Actions"]?.list ?? [])
        guard forward.types.contains("forward") else { return [] }
        let wrong = forward.faultyTargets(of: rule.logicalID, in: context, path: "Resources/\(rule.logicalID)/Properties/Actions")
        guard wrong.isEmpty else { return wrong }
        return [.error("listener rule \(rule.logicalID) on \(listener.logicalID) (port \(http)) forwards the requests it matches to \(forward.targets.map(\.targetGroup.display).joined(separator: ", ")); they are served over plain HTTP instead of being redirected to HTTPS", at: rule["Actions"]?.location ?? rule.location, path: "Resources/\(rule.logicalID)/Properties/Actions")]
      }
    }
    return context.limitedByOutsideTargetGroups(Verdict(findings: ruleFindings + listeners.compactMap { listener in
      let actions = listener["DefaultActions"]?.list ?? []
      guard let redirect = actions.first(where: { $0["Type"]?.string == "redirect" }), let config = redirect["RedirectConfig"] else {
        return .error("\(listener.logicalID) on port \(http) does \(actions.compactMap { $0["Type"]?.string }.joined(separator: ", ")) instead of redirecting to HTTPS", at: listener["DefaultActions"]?.location ?? listener.location, path: "Resources/\(listener.logicalID)/Properties/DefaultActions")
      }
      var problems: [String] = []
      if config["Protocol"]?.string != "HTTPS" { problems.append("Protocol \(config["Protocol"]?.display ?? "unset (keeps #{protocol})")") }
      if let port = config["Port"], port.int != https { problems.append("Port \(port.display)") }
      if config["StatusCode"]?.string != status.text { problems.append("StatusCode \(config["StatusCode"]?.display ?? "unset")") }
      guard !problems.isEmpty else { return nil }
      return .error("\(listener.logicalID) redirects with \(problems.joined(separator: ", ")); expected Protocol HTTPS, Port \(https), StatusCode \(status.text) (\(status.location.file):\(status.location.line))", at: config.location, path: "Resources/\(listener.logicalID)/Properties/DefaultActions")
    }, passNote: "port \(http) redirects to HTTPS \(https) with \(status.text)"), what: "HTTP listener")
  }
}

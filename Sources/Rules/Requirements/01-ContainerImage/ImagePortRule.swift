import DockerfileModel

/// 1.4: the image exposes the required port and its app listens on it.
struct ImagePortRule: Rule {
  static let definition = RuleDefinition(
    id: "image-port",
    requirements: ["1.4"],
    title: "Image exposes the required port and the app listens on it",
    rationale: "EXPOSE documents the port and the start command (or its environment) makes the app listen there; the task definition maps the same port. Streamlit listens on 8501 unless --server.port or STREAMLIT_SERVER_PORT says otherwise.",
    scope: .repository, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/reference/dockerfile/#expose", "https://docs.streamlit.io/develop/api-reference/configuration/config.toml"],
    examples: [
      .compliant(),
      .change("EXPOSE and start command on 8080", .edit(.dockerfile, "EXPOSE 8501", "EXPOSE 8080"), .edit(.dockerfile, "\"--server.port=8501\"", "\"--server.port=8080\""), .edit(.dockerfile, "STREAMLIT_SERVER_PORT=8501", "STREAMLIT_SERVER_PORT=8080"), alsoFails: ["4.3", "6.7", "8.2"]),
      .change("no EXPOSE", .edit(.dockerfile, "EXPOSE 8501\n", "")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .notApplicable("no Dockerfile") }
    guard let value = context.value("container-port"), let port = value.integer else { return .missingValue("container-port", of: "1.4") }
    let facts = dockerfile.finalImage
    var findings: [Finding] = []
    let exposed = facts.exposedPorts.compactMap { entry -> PortSpec? in
      if case .port(let spec) = entry.value { return spec }
      return nil
    }
    if !exposed.contains(where: { $0.ports.contains(port) && $0.transportProtocol == .tcp }) {
      findings.append(.error("the final image exposes \(exposed.isEmpty ? "no port" : exposed.map(\.description).joined(separator: ", ")); \(value.cited) requires \(port)/tcp", at: facts.exposedPorts.first?.location ?? dockerfile.finalStage.location))
    }
    if let listen = AppListenPort.of(facts), listen.port != port {
      findings.append(.error("the app listens on \(listen.port) (\(listen.how)); \(value.cited) requires \(port)", at: listen.location))
    }
    return Verdict(findings: findings, passNote: "EXPOSE \(port) and the app listens on it", evidence: facts.exposedPorts.map(\.location))
  }
}

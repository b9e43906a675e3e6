import DockerfileModel

/// 1.4: the image exposes the required port and its app listens on it, on an address the
/// load balancer can reach.
///
/// The app's port and address come from `AppListenPort` (the start command read through
/// `sh -c` with the final stage's ENV). An app bound to loopback (`127.0.0.1`,
/// `localhost`, `::1`) accepts connections from inside the container only: in awsvpc mode
/// the ALB connects to the task's own IP address, so every health check and request is
/// refused. A port option given by a variable the image does not set needs evidence.
struct ImagePortRule: Rule {
  static let definition = RuleDefinition(
    id: "image-port",
    requirements: ["1.4"],
    title: "Image exposes the required port and the app listens on it",
    rationale: "EXPOSE documents the port and the start command (or its environment) makes the app listen there; the task definition maps the same port. Streamlit listens on 8501 unless --server.port or STREAMLIT_SERVER_PORT says otherwise, and it must listen on all interfaces: bound to loopback it is unreachable from the load balancer.",
    scope: .repository, artifacts: [.dockerfile],
    sources: [
      "https://docs.docker.com/reference/dockerfile/#expose",
      "https://docs.streamlit.io/develop/api-reference/configuration/config.toml",
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html",
    ],
    examples: [
      .compliant(),
      .change("EXPOSE and start command on 8080", .edit(.dockerfile, "EXPOSE 8501", "EXPOSE 8080"), .edit(.dockerfile, "\"--server.port=8501\"", "\"--server.port=8080\""), .edit(.dockerfile, "STREAMLIT_SERVER_PORT=8501", "STREAMLIT_SERVER_PORT=8080"), alsoFails: ["4.3", "4.7", "6.7", "8.2"]),
      .change("no EXPOSE", .edit(.dockerfile, "EXPOSE 8501\n", "")),
      .change("sh -c with --server.port=$PORT and ENV PORT=8501", .edit(.dockerfile, Self.startCommand, "CMD [\"sh\", \"-c\", \"exec streamlit run app.py --server.port=$PORT --server.address=0.0.0.0\"]"), .edit(.dockerfile, "    PYTHONUNBUFFERED=1 \\\n", "    PYTHONUNBUFFERED=1 \\\n    PORT=8501 \\\n"), expect: .pass),
      .change("shell form with --server.port $PORT and ENV PORT=8080", .edit(.dockerfile, Self.startCommand, "CMD streamlit run app.py --server.port $PORT --server.address 0.0.0.0"), .edit(.dockerfile, "    PYTHONUNBUFFERED=1 \\\n", "    PYTHONUNBUFFERED=1 \\\n    PORT=8080 \\\n"), alsoFails: ["4.3", "4.7", "6.7", "8.2"]),
      .change("exec form with --server.port=$PORT (not expanded)", .edit(.dockerfile, Self.startCommand, "CMD [\"streamlit\", \"run\", \"app.py\", \"--server.port=$PORT\", \"--server.address=0.0.0.0\"]"), .edit(.dockerfile, "    PYTHONUNBUFFERED=1 \\\n", "    PYTHONUNBUFFERED=1 \\\n    PORT=8501 \\\n")),
      .change("sh -c with a port variable the image does not set", .edit(.dockerfile, Self.startCommand, "CMD [\"sh\", \"-c\", \"streamlit run app.py --server.port=$APP_PORT --server.address=0.0.0.0\"]"), expect: .needsEvidence),
      .change("CMD that is not a JSON array (a comma missing): the shell's first word, `[\"streamlit\"`, names no command", .edit(.dockerfile, Self.startCommand, "CMD [\"streamlit\" \"run\", \"app.py\", \"--server.port=8501\", \"--server.address=0.0.0.0\"]")),
      .change("a start command that is not Streamlit and gives no port", .edit(.dockerfile, Self.startCommand, "CMD [\"python\", \"-m\", \"http.server\"]"), expect: .needsEvidence),
      .change("python -m streamlit with --server.port=8501", .edit(.dockerfile, Self.startCommand, "CMD [\"python\", \"-m\", \"streamlit\", \"run\", \"app.py\", \"--server.port=8501\", \"--server.address=0.0.0.0\"]"), expect: .pass),
      .change("CMD [] (no command)", .edit(.dockerfile, Self.startCommand, "CMD []")),
      .change("Streamlit bound to 127.0.0.1", .edit(.dockerfile, "\"--server.address=0.0.0.0\"", "\"--server.address=127.0.0.1\"")),
      .change("Streamlit bound to localhost inside sh -c", .edit(.dockerfile, Self.startCommand, "CMD [\"/bin/sh\", \"-c\", \"streamlit run app.py --server.port=8501 --server.address localhost\"]")),
      .change("STREAMLIT_SERVER_ADDRESS=127.0.0.1 and no --server.address", .edit(.dockerfile, "STREAMLIT_SERVER_ADDRESS=0.0.0.0", "STREAMLIT_SERVER_ADDRESS=127.0.0.1"), .edit(.dockerfile, ", \"--server.address=0.0.0.0\"]", "]")),
    ])

  static let startCommand = "CMD [\"streamlit\", \"run\", \"app.py\", \"--server.port=8501\", \"--server.address=0.0.0.0\"]"

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .absent("no Dockerfile") }
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
    let listen = AppListenPort(facts, container: nil, project: context.project)
    var undecided: String?
    if let problem = listen.problem {
      if problem.expanded {
        findings.append(.error("\(problem.message); \(value.cited) requires the app to listen on \(port)", at: problem.location))
      } else {
        undecided = problem.message
      }
    }
    if listen.startsNothing, let start = facts.startCommand {
      findings.append(.error("the start command is empty (CMD [] without ENTRYPOINT): Docker refuses to start the container (\"no command specified\"), so nothing listens on \(port)", at: start.location))
    } else if listen.port == nil, listen.problem == nil, listen.runsStreamlit == false, let program = listen.program {
      undecided = "the start command runs \(program), not Streamlit, and gives none of the port options read (\(AppListenPort.portFlags.joined(separator: ", ")), --bind) nor PORT: the port it listens on is not in the files"
    }
    if let found = listen.port, found.port != port {
      findings.append(.error("the app listens on \(found.port) (\(found.how)); \(value.cited) requires \(port)", at: found.location))
    }
    if let address = listen.address, address.isLoopback {
      findings.append(.error("the app listens on loopback address \(address.address) only (\(address.how)): it accepts connections from inside the container alone, so the load balancer's health checks and requests to the task's IP on port \(port) are refused; listen on 0.0.0.0", at: address.location))
    }
    if findings.isEmpty, let undecided { return .needsEvidence(undecided, evidence: facts.exposedPorts.map(\.location)) }
    return Verdict(findings: findings, passNote: "EXPOSE \(port) and the app listens on it\(listen.port.map { " (\($0.how))" } ?? "")", evidence: facts.exposedPorts.map(\.location))
  }
}

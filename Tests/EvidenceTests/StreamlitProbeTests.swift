import Foundation
@testable import ProjectModel
import Testing
@testable import Rules

/// The real app: `streamlit_ui/app.py` started headless on 127.0.0.1 with a free port,
/// `/_stcore/health` probed, the app stopped. CI installs Streamlit (`.ci/run`, pinned
/// from streamlit_ui/requirements.txt); where python3 cannot import it the test is
/// skipped with that reason, never passed.
@Suite(.timeLimit(.minutes(3))) struct StreamlitProbeTests {
  static let streamlitImportable: Bool = (try? run("python3", ["-c", "import streamlit"])) != nil

  @Test("probe of the real Streamlit app's /_stcore/health",
        .enabled(if: streamlitImportable, "python3 cannot import streamlit: install it with pip install -r streamlit_ui/requirements.txt (.ci/run does)"))
  func realApp() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // Run a copy: the app's folder stays untouched.
    try FileManager.default.copyItem(at: RepositoryCopy.root.appendingPathComponent("streamlit_ui"), to: scratch.url.appendingPathComponent("app"))
    // The port is free when picked, but the kernel may give it to another test's socket
    // before Streamlit binds it (seconds later): Streamlit then says "Port N is not
    // available" and exits, and the test starts it again on another port.
    var started: (app: Process, health: URL)?
    var log = ""
    for attempt in 1...3 where started == nil {
      let port = try LocalServer.refusingPort()
      let app = try Self.start(in: scratch, port: port, log: "streamlit-\(attempt).log")
      let health = URL(string: "http://127.0.0.1:\(port)/_stcore/health")!
      // Wait for the server to come up: at most 90 tries of one short GET a second.
      for _ in 0..<90 where app.isRunning {
        if HealthProbe.get(health, timeout: 1).status == 200 {
          started = (app, health)
          break
        }
        Thread.sleep(forTimeInterval: 1)
      }
      log = (try? String(contentsOfFile: scratch.path("streamlit-\(attempt).log"), encoding: .utf8)) ?? ""
      if started == nil {
        Self.stop(app)
        guard log.contains("is not available") else { break }
      }
    }
    let (app, health) = try #require(started, "streamlit did not answer: \(log)")
    defer { Self.stop(app) }

    let probe = HealthProbe.run(url: health, count: 5, timeout: 5, tool: "vibe-rules test")
    #expect(probe.samples.map(\.status) == Array(repeating: 200, count: 5))
    var project = Project(root: ".", requirements: .builtIn)
    project.healthProbes = [probe]
    let verdict = RuleEngine.run([HealthProbeRule()], on: project)[0].verdict
    #expect(verdict.status == (probe.latency.max <= 2000 ? .pass : .fail), "\(verdict.note) \(verdict.findings.map(\.message))")
    #expect((verdict.note + verdict.findings.map(\.message).joined()).contains(health.absoluteString))
  }

  /// Streamlit serving a copy of the app in `scratch`'s `app` folder on 127.0.0.1:`port`,
  /// its output in `scratch`'s file `log`.
  static func start(in scratch: ScratchDirectory, port: UInt16, log: String) throws -> Process {
    let app = Process()
    app.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    app.arguments = [
      "python3", "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
      "--server.port", "\(port)", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    app.currentDirectoryURL = scratch.url.appendingPathComponent("app")
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = scratch.path("home")
    environment["API_BASE_URL"] = "http://127.0.0.1:9"
    app.environment = environment
    let file = try scratch.write(log, "")
    app.standardOutput = FileHandle(forWritingAtPath: file)
    app.standardError = FileHandle(forWritingAtPath: file)
    app.standardInput = FileHandle.nullDevice
    try app.run()
    return app
  }

  /// SIGTERM, then SIGKILL if it is still running after 10 s.
  static func stop(_ process: Process) {
    guard process.isRunning else { return }
    process.terminate()
    for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

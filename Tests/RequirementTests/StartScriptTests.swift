import Foundation
import Testing
@testable import Rules

/// The script the start command names must be in the image: a file deleted from the
/// build context (not only excluded by .dockerignore, which the rule's examples cover).
@Suite struct StartScriptTests {
  /// Runs `rule` on a copy of this repository after `change` and returns its verdicts.
  func verdicts(_ rule: any Rule, after change: (URL) throws -> Void) throws -> [Verdict] {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try change(workspace.directory)
    return RuleEngine.run([rule], on: try workspace.load()).map(\.verdict)
  }

  @Test func deletedStartScriptFailsTheBuildContextRule() throws {
    let verdicts = try verdicts(DockerCopySourcesRule()) { root in
      try FileManager.default.removeItem(at: root.appendingPathComponent("streamlit_ui/app.py"))
    }
    let findings = verdicts.flatMap(\.findings)
    #expect(verdicts.contains { $0.status == .fail })
    #expect(findings.contains { $0.message.contains("`app.py` (/app/app.py in the image)") && $0.location.file == "docker/Dockerfile" }, "\(findings.map(\.message))")
  }

  @Test func pythonScriptMissingFromTheCopiedFolderFails() throws {
    let verdicts = try verdicts(DockerCopySourcesRule()) { root in
      let dockerfile = root.appendingPathComponent("docker/Dockerfile")
      let text = try String(contentsOf: dockerfile, encoding: .utf8)
        .replacingOccurrences(of: ImagePortRule.startCommand, with: "CMD [\"python\", \"-u\", \"main.py\"]")
      try text.write(to: dockerfile, atomically: true, encoding: .utf8)
    }
    #expect(verdicts.contains { $0.status == .fail }, "\(verdicts.map(\.note))")
  }

  /// Without the start script the files cannot tell whether the app reads the variable:
  /// needs evidence, naming the missing file (the declarations alone do not pass 1.6).
  @Test func deletedStartScriptNeedsEvidence() throws {
    let verdicts = try verdicts(APIBaseURLRule()) { root in
      try FileManager.default.removeItem(at: root.appendingPathComponent("streamlit_ui/app.py"))
    }
    #expect(verdicts.allSatisfy { $0.status == .needsEvidence && $0.note.contains("streamlit_ui/app.py") }, "\(verdicts.map(\.note))")
  }
}

import Diagnostics
import Foundation
import ProjectModel
import Testing
@testable import Rules

/// Build-context files the rules read (the app's start script and its folder's Python
/// files): a symbolic link out of the build context is not followed, because the build
/// sends the link, not what it points to, and a committed `app.py -> ~/.aws/credentials`
/// must not be read and quoted into a CI log. A link inside the context is read, unless
/// `.dockerignore` leaves its target out of the context (the image's link dangles then).
@Suite struct ContextFileLinkTests {
  static let app = "streamlit_ui/app.py"

  @Test func aLinkOutOfTheContextIsNotRead() throws {
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-outside-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: outside) }
    let secret = outside.appendingPathComponent("credentials").path
    try "aws_access_key_id = AKIASECRET123\n".write(toFile: secret, atomically: true, encoding: .utf8)

    let workspace = try Workspace()
    defer { workspace.remove() }
    let app = workspace.directory.appendingPathComponent(Self.app).path
    #expect(try Project.load(ProjectOptions(root: workspace.directory.path)).contextFileText(Self.app)?.text.isEmpty == false)
    try FileManager.default.removeItem(atPath: app)
    #expect(symlink(secret, app) == 0)
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    #expect(project.contextFileText(Self.app) == nil)
    let results = RuleEngine.run(RuleCatalog.all, on: project)
    // The image gets a dangling link: whether the app reads its variables is not known.
    #expect(results.first { $0.rule.id == "api-base-url-env" }?.verdict.status == .needsEvidence)
    #expect(!results.contains { result in
      result.verdict.note.contains("AKIASECRET") || result.verdict.findings.contains { $0.message.contains("AKIASECRET") }
    })
  }

  /// `app.py -> ../private/app.py` where `.dockerignore` leaves `private` out: the build
  /// sends the link without its target, so the image's `app.py` dangles.
  @Test(arguments: ["private", "private/app.py", "**/app.py"])
  func aLinkToAnIgnoredPathIsNotRead(pattern: String) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let app = workspace.directory.appendingPathComponent(Self.app).path
    let hidden = workspace.directory.appendingPathComponent("private")
    try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
    try FileManager.default.moveItem(atPath: app, toPath: hidden.appendingPathComponent("app.py").path)
    #expect(symlink("../private/app.py", app) == 0)
    let ignore = workspace.directory.appendingPathComponent(".dockerignore")
    let rules = try String(contentsOf: ignore, encoding: .utf8)
    try (rules + "\n\(pattern)\n" + (pattern.hasPrefix("**") ? "!streamlit_ui/app.py\n" : "")).write(to: ignore, atomically: false, encoding: .utf8)
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    #expect(project.contextFileText(Self.app) == nil)
    let link = try #require(project.contextFileLink(Self.app))
    #expect(link.contains("private/app.py") && link.contains(".dockerignore"), "\(link)")
    let results = RuleEngine.run(RuleCatalog.all, on: project)
    #expect(results.first { $0.rule.id == "api-base-url-env" }?.verdict.status == .needsEvidence)
  }

  /// A start script that is not a readable text file (a named pipe, a folder): whether
  /// the app reads its variables is not known, so 1.6 needs evidence; never read (a pipe
  /// would block).
  @Test(arguments: ["fifo", "folder"])
  func anUnreadableStartScriptNeedsEvidence(kind: String) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let app = workspace.directory.appendingPathComponent(Self.app).path
    try FileManager.default.removeItem(atPath: app)
    if kind == "fifo" { #expect(mkfifo(app, 0o644) == 0) } else { try FileManager.default.createDirectory(atPath: app, withIntermediateDirectories: false) }
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    #expect(project.contextFileText(Self.app) == nil)
    let verdict = RuleEngine.run(RuleCatalog.all, on: project).first { $0.rule.id == "api-base-url-env" }?.verdict
    #expect(verdict?.status == .needsEvidence)
    #expect(verdict?.note.contains("cannot be read") == true, "\(verdict?.note ?? "")")
    #expect(verdict?.note.contains("not known") == true)
  }

  @Test func aLinkInsideTheContextIsRead() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let app = workspace.directory.appendingPathComponent(Self.app).path
    let moved = workspace.directory.appendingPathComponent("streamlit_ui/real_app.py").path
    try FileManager.default.moveItem(atPath: app, toPath: moved)
    #expect(symlink("real_app.py", app) == 0)
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    #expect(project.contextFileText(Self.app)?.text == (try String(contentsOfFile: moved, encoding: .utf8)))
    #expect(project.contextFileLink(Self.app) == nil)
  }
}

import Foundation
import Testing
@testable import DockerfileModel

/// `BuildContext.files(below:in:suffix:limit:)`: the app's source files a rule reads.
@Suite("Build context files")
struct BuildContextFilesTests {
  @Test("Files below a folder, by suffix; hidden folders and symbolic links skipped; at most the limit")
  func filesBelowAFolder() throws {
    let root = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    for file in ["app/main.py", "app/pages/a.py", "app/pages/readme.md", "app/.venv/lib/x.py", "app/.hidden.py", "other/b.py"] {
      let url = root.appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("x".utf8).write(to: url)
    }
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("app/loop").path, withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("app/outside.py").path, withDestinationPath: "/etc/hostname")
    let found = BuildContext.files(below: "app", in: root.path, suffix: ".py", limit: 10)
    #expect(Set(found) == ["app/main.py", "app/pages/a.py"])
    #expect(BuildContext.files(below: "app", in: root.path, suffix: ".py", limit: 1).count == 1)
    #expect(Set(BuildContext.files(below: "", in: root.path, suffix: ".py", limit: 10)) == ["app/main.py", "app/pages/a.py", "other/b.py"])
  }
}

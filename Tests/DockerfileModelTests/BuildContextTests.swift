import Diagnostics
import Foundation
import Testing
@testable import DockerfileModel

/// COPY/ADD sources against a real temporary build context.
@Suite("Build context")
struct BuildContextTests {
  /// Creates `files` (relative paths) under a fresh directory.
  func context(_ files: [String]) throws -> URL {
    let root = try TestSupport.temporaryDirectory()
    for file in files {
      let url = root.appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("x".utf8).write(to: url)
    }
    return root
  }

  func problems(_ dockerfile: String, files: [String], ignore: String? = nil, limit: Int = BuildContext.maximumEntries) throws -> [BuildContextProblem] {
    let root = try context(files)
    defer { try? FileManager.default.removeItem(at: root) }
    let parsed = try TestSupport.parse(dockerfile)
    let rules = try ignore.map { try DockerIgnore.parse(SourceText(file: ".dockerignore", text: $0)) }
    return BuildContext.check(dockerfile: parsed, contextDirectory: root.path, dockerignore: rules, maximumEntries: limit)
  }

  @Test("Case 17: a COPY source inside an ignored directory names the pattern and its line")
  func case17() throws {
    let found = try problems(
      "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY app/ ./app/\nCOPY .streamlit/config.toml ./.streamlit/config.toml\n",
      files: ["requirements.txt", "app/main.py", ".streamlit/config.toml"],
      ignore: ".git\n.venv\n__pycache__/\n.streamlit/\nsamconfig.toml\n")
    #expect(found.count == 1)
    #expect(found.first?.source == ".streamlit/config.toml")
    #expect(found.first?.location.line == 5)
    guard case .excluded(let pattern) = found.first?.kind else {
      Issue.record("expected an excluded source")
      return
    }
    #expect(pattern.value == ".streamlit/")
    #expect(pattern.location.line == 4)
    #expect(found.first?.description == "source `.streamlit/config.toml` is excluded by .dockerignore line 4 `.streamlit/`")
  }

  @Test("The fixed case 17 ignore file gives no problem")
  func case17Fixed() throws {
    let found = try problems(
      "FROM python:3.12-slim\nCOPY .streamlit/config.toml /app/\n",
      files: [".streamlit/config.toml", ".streamlit/secrets.toml"], ignore: ".streamlit/\n!.streamlit/config.toml\n")
    #expect(found.isEmpty)
    let directory = try problems("FROM a\nCOPY .streamlit /x\n", files: [".streamlit/config.toml", ".streamlit/secrets.toml"], ignore: ".streamlit/\n!.streamlit/config.toml\n")
    #expect(directory.isEmpty)
  }

  @Test("Missing sources, globs that match nothing, and globs that match")
  func missingAndGlobs() throws {
    let found = try problems(
      "FROM a\nCOPY missing.txt /\nCOPY *.txt /\nCOPY *.csv /\nCOPY --from=build /x /\nADD https://example.com/a /\nCOPY <<EOF /y\nhi\nEOF\n",
      files: ["a.txt", "dir/b.txt"])
    #expect(found.map(\.kind) == [.notFound, .globMatchedNothing])
    #expect(found.map(\.source) == ["missing.txt", "*.csv"])
    #expect(found.map(\.location.line) == [2, 4])
  }

  @Test("A glob whose matches are all ignored")
  func globAllIgnored() throws {
    let found = try problems("FROM a\nCOPY *.env /\n", files: ["a.env", "b.env"], ignore: "*.env\n")
    guard case .globMatchesOnlyExcluded(let pattern) = found.first?.kind else {
      Issue.record("expected an all-excluded glob")
      return
    }
    #expect(pattern.location.line == 1)
  }

  @Test("Sources are expanded and kept inside the context")
  func expandedSources() throws {
    let found = try problems("FROM a\nARG DIR=conf\nENV FILE=app.toml\nCOPY $DIR/$FILE /x\nCOPY /conf/../conf/app.toml /y\nARG UNSET_ARG\nCOPY $UNSET_ARG /z\n", files: ["conf/app.toml"])
    #expect(found.count == 1)
    guard case .unresolved = found.first?.kind else {
      Issue.record("a source with an unknown build argument is unresolved")
      return
    }
  }

  @Test("Every stage is checked, not only the final one")
  func allStages() throws {
    let found = try problems("FROM a AS build\nCOPY src/ /src/\nFROM b\nCOPY --from=build /src /src\n", files: [])
    #expect(found.map(\.source) == ["src/"])
  }

  @Test("The walk survives a symlink loop and an unreadable file")
  func hostileContext() throws {
    let root = try context(["data/a.txt", "secret.key"])
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("data/loop").path, withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("self").path, withDestinationPath: "self")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: root.appendingPathComponent("secret.key").path)
    let walker = ContextWalker(root: root.path, limit: 1_000)
    #expect(walker.isComplete)
    #expect(Set(walker.entries.map(\.path)) == ["data", "data/a.txt", "data/loop", "secret.key", "self"])
    let parsed = try TestSupport.parse("FROM a\nCOPY data/*.txt /\nCOPY secret.key /\nCOPY self /\n")
    #expect(BuildContext.check(dockerfile: parsed, contextDirectory: root.path, dockerignore: nil).isEmpty)
  }

  @Test("An unreadable directory is noted, not fatal")
  func unreadableDirectory() {
    let walker = ContextWalker(root: "/nonexistent-\(UUID().uuidString)", limit: 10)
    #expect(!walker.isComplete)
    #expect(walker.notes.first?.hasPrefix("cannot read directory") == true)
  }

  @Test("The walk stops at its entry limit with a note")
  func entryLimit() throws {
    let found = try problems("FROM a\nCOPY *.none /\n", files: (0..<20).map { "f\($0).txt" }, limit: 5)
    guard case .contextIncomplete(let reason) = found.first?.kind else {
      Issue.record("expected an incomplete-context note")
      return
    }
    #expect(reason.contains("more than 5 entries"))
  }

  @Test("<Dockerfile>.dockerignore takes precedence over <context>/.dockerignore")
  func ignoreFilePrecedence() throws {
    let root = try context(["app/Dockerfile"])
    defer { try? FileManager.default.removeItem(at: root) }
    let dockerfile = root.appendingPathComponent("app/Dockerfile").path
    #expect(BuildContext.ignoreFilePath(contextDirectory: root.path, dockerfilePath: dockerfile) == nil)
    try Data("a\n".utf8).write(to: root.appendingPathComponent(".dockerignore"))
    #expect(BuildContext.ignoreFilePath(contextDirectory: root.path, dockerfilePath: dockerfile) == root.path + "/.dockerignore")
    try Data("b\n".utf8).write(to: root.appendingPathComponent("app/Dockerfile.dockerignore"))
    #expect(BuildContext.ignoreFilePath(contextDirectory: root.path, dockerfilePath: dockerfile) == dockerfile + ".dockerignore")
    let loaded = try BuildContext.loadIgnore(contextDirectory: root.path, dockerfilePath: dockerfile, displayName: { _ in "app/Dockerfile.dockerignore" })
    #expect(loaded?.patterns.map(\.cleaned) == ["b"])
    #expect(loaded?.file == "app/Dockerfile.dockerignore")
  }
}

import Diagnostics
import Foundation
import Testing

@testable import DockerfileModel

#if canImport(Glibc)
import Glibc
#endif

/// Hostile Dockerfiles, `.dockerignore` patterns and build contexts: parsed, matched and
/// walked in bounded time, without following symbolic links.
@Suite struct HostileDockerTests {
  /// 10^5 continuation lines make one RUN instruction of 10^5 words.
  @Test func hundredThousandContinuationLines() throws {
    var text = "FROM python:3.12-slim\nRUN echo \\\n"
    for index in 0..<100_000 { text += "  word\(index) \\\n" }
    text += "  end\nUSER 10001\n"
    let dockerfile = try Dockerfile.parse(SourceText(file: "Dockerfile", text: text))
    #expect(dockerfile.instructions.count == 3)
    #expect(dockerfile.instructions.last?.location.line == 100_004)
    #expect(dockerfile.finalImage.user != nil)
  }

  @Test func hundredThousandEscapedNewlinesWithCRLF() throws {
    let text = "FROM scratch\r\nRUN a \\\r\n" + String(repeating: "b \\\r\n", count: 100_000) + "c\r\n"
    let dockerfile = try Dockerfile.parse(SourceText(file: "Dockerfile", text: text))
    #expect(dockerfile.instructions.count == 2)
  }

  /// Runs of `*` cannot make matching exponential: the matcher is an automaton, linear
  /// in the path for any pattern.
  @Test(arguments: [
    String(repeating: "*a", count: 2_000) + "*b",
    String(repeating: "*", count: 10_000) + "x",
    String(repeating: "**/", count: 2_000) + "z",
    String(repeating: "a*", count: 2_000) + "!",
  ])
  func pathologicalStarRunsMatchInBoundedTime(pattern: String) throws {
    let ignore = try DockerIgnore.parse(SourceText(file: ".dockerignore", text: pattern + "\n!keep\n"))
    let path = String(repeating: "a", count: 20_000)
    let deep = Array(repeating: "a", count: 2_000).joined(separator: "/")
    #expect(ignore.match(path: path).excluded == false)
    #expect(ignore.match(path: deep).excluded == false)
    #expect(ignore.match(path: "keep").excluded == false)
  }

  @Test func symbolicLinkLoopsAreListedNotFollowed() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("app/main.py", "print('hi')\n")
    #expect(symlink(".", directory.file("loop").path) == 0)
    #expect(symlink("../app", directory.file("app/again").path) == 0)
    #expect(symlink("self", directory.file("self").path) == 0)
    #expect(symlink("b", directory.file("a").path) == 0)
    #expect(symlink("a", directory.file("b").path) == 0)
    let walk = ContextWalker(root: directory.path, limit: BuildContext.maximumEntries)
    #expect(Set(walk.entries.map(\.path)) == ["app", "app/main.py", "app/again", "loop", "self", "a", "b"])
    #expect(walk.isComplete)
    let dockerfile = try Dockerfile.parse(SourceText(file: "Dockerfile", text: "FROM scratch\nCOPY loop/loop/app/*.py a /app/\nCOPY app/again/again/main.py /x\n"))
    let problems = BuildContext.check(dockerfile: dockerfile, contextDirectory: directory.path, dockerignore: nil)
    #expect(problems.count <= 3)
  }

  /// A directory the walk cannot open is noted, and the listing marked incomplete.
  /// Tests run as root in CI, where permissions do not stop reads, so the unreadable
  /// directory is one whose path is longer than PATH_MAX (ENAMETOOLONG for everyone);
  /// as another user a `chmod 000` directory is checked too.
  @Test func unreadableDirectoriesAreNotedNotFatal() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("Dockerfile", "FROM scratch\n")
    var descriptor = open(directory.path, O_RDONLY | O_DIRECTORY)
    #expect(descriptor >= 0)
    let name = String(repeating: "d", count: 250)
    for _ in 0..<20 {
      #expect(mkdirat(descriptor, name, 0o755) == 0)
      let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
      close(descriptor)
      descriptor = next
    }
    close(descriptor)
    if geteuid() != 0 {
      try directory.write("locked/secret", "x")
      #expect(chmod(directory.file("locked").path, 0o000) == 0)
    }
    let walk = ContextWalker(root: directory.path, limit: BuildContext.maximumEntries)
    #expect(!walk.isComplete)
    #expect(walk.notes.contains { $0.contains(name) })
    #expect(geteuid() == 0 || walk.notes.contains { $0.contains("`locked`") })
    #expect(walk.entries.contains { $0.path == "Dockerfile" })
  }

  @Test func contextWalkStopsAtItsEntryLimit() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for index in 0..<50 { try directory.write("f\(index)", "") }
    let walk = ContextWalker(root: directory.path, limit: 10)
    #expect(walk.entries.count == 10)
    #expect(!walk.isComplete)
  }

  /// Thousands of exceptions that each take many steps, against many deep paths: the check
  /// spends its steps (`DockerIgnore.matchBudget`, here a sixteenth of it) and reports the
  /// source as not fully checked (9,900 patterns and 200 files took over five minutes).
  @Test func costlyIgnoreFilesAreCutAtTheMatchBudget() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let deep = "app/" + (0..<30).map { "d\($0)aaaaaaaa" }.joined(separator: "/")
    for index in 0..<60 { try directory.write("\(deep)/f\(index)aaaaaaaa.py", "x") }
    let exceptions = (0..<2_000).map { "!**/" + String(repeating: "*a", count: 20) + "*q\($0)" }
    let ignore = try DockerIgnore.parse(SourceText(file: ".dockerignore", text: (["app"] + exceptions).joined(separator: "\n")))
    let dockerfile = try Dockerfile.parse(SourceText(file: "Dockerfile", text: "FROM scratch\nCOPY app/ /app/\n"))
    let budget = DockerIgnore.matchBudget / 16
    let problems = BuildContext.check(dockerfile: dockerfile, contextDirectory: directory.path, dockerignore: ignore, matchBudget: budget)
    #expect(problems.count == 1)
    guard case .contextIncomplete(let reason)? = problems.first?.kind else {
      Issue.record("expected an incomplete check, got \(problems)")
      return
    }
    #expect(reason.contains("more than \(budget) steps"))
    // With steps to spare the same check is decided: the folder is excluded.
    let decided = BuildContext.check(dockerfile: dockerfile, contextDirectory: directory.path, dockerignore: try DockerIgnore.parse(SourceText(file: ".dockerignore", text: "app\n" + exceptions.prefix(4).joined(separator: "\n"))), matchBudget: budget)
    guard case .excluded(let pattern)? = decided.first?.kind else {
      Issue.record("expected the folder excluded, got \(decided)")
      return
    }
    #expect(pattern.value == "app")
  }
}

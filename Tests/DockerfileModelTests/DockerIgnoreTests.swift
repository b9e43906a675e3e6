import Diagnostics
import Testing
@testable import DockerfileModel

/// `.dockerignore` rules one by one
/// (https://docs.docker.com/build/concepts/context/#dockerignore-files, moby/patternmatcher).
@Suite(".dockerignore")
struct DockerIgnoreTests {
  func ignore(_ text: String) throws -> DockerIgnore {
    try DockerIgnore.parse(SourceText(file: ".dockerignore", text: text))
  }
  @Test("At most 10,000 patterns; the one past the limit is refused at its line")
  func patternLimit() throws {
    let patterns = (0..<DockerIgnore.maximumPatterns).map { "**/pkg\($0)/*x*.pyc" }
    let loaded = try ignore("# generated\n" + patterns.joined(separator: "\n") + "\n")
    #expect(loaded.patterns.count == DockerIgnore.maximumPatterns)
    let error = try #require(throws: InputError.self) { try ignore("# generated\n" + patterns.joined(separator: "\n") + "\n\n  one-more\n") }
    #expect(error.location == SourceLocation(file: ".dockerignore", line: DockerIgnore.maximumPatterns + 3, column: 3))
    #expect(error.message.contains("more than 10000 patterns"))
  }


  func excluded(_ patterns: String, _ path: String) throws -> Bool {
    try ignore(patterns).match(path: path).excluded
  }

  /// Docker splits the file at LF only (one CR before it dropped): a lone CR is part of its
  /// line, so `#note\r!app.py` is a comment and app.py stays excluded (it had been split
  /// into a comment and an exception that re-included app.py). CRLF files read as LF ones.
  @Test func aLoneCarriageReturnDoesNotEndALine() throws {
    #expect(try excluded("app.py\n#note\r!app.py\n", "app.py"))
    #expect(try !excluded("app.py\r\n!app.py\r\n", "app.py"))
    #expect(try ignore("a\r\n\r\nb\r\n").patterns.map(\.written.location.line) == [1, 3])
  }

  /// A line past 65,535 bytes fails Docker's reader ("bufio.Scanner: token too long"); so
  /// it is refused here, at its line (it had been accepted).
  @Test func aLineLongerThanDockerReadsIsRefused() throws {
    _ = try ignore("a\n" + String(repeating: "x", count: 65_535) + "\n")
    let error = try #require(throws: InputError.self) { try ignore("a\n" + String(repeating: "x", count: 65_536) + "\n") }
    #expect(error.location?.line == 2 && error.message.contains("token too long"), "\(error)")
  }

  @Test("A plain name matches that path only, and everything beneath it")
  func plainNames() throws {
    #expect(try excluded("secrets", "secrets"))
    #expect(try excluded("secrets", "secrets/a/b.txt"))
    #expect(try !excluded("secrets", "app/secrets"))
    #expect(try !excluded("secrets", "secrets.txt"))
  }

  @Test("A trailing slash, leading slash and ./ are cleaned away")
  func cleaning() throws {
    #expect(try excluded(".streamlit/", ".streamlit/config.toml"))
    #expect(try excluded("/build", "build/out"))
    #expect(try excluded("./tmp//x/../y", "tmp/y"))
    #expect(try ignore("./a/").patterns[0].cleaned == "a")
  }

  @Test("* and ? do not cross /")
  func singleStar() throws {
    #expect(try excluded("*.md", "README.md"))
    #expect(try !excluded("*.md", "docs/README.md"))
    #expect(try excluded("*/*.md", "docs/README.md"))
    #expect(try excluded("file?.txt", "file1.txt"))
    #expect(try !excluded("file?.txt", "file10.txt"))
  }

  @Test("** matches any number of directories")
  func doubleStar() throws {
    #expect(try excluded("**/*.pyc", "a.pyc"))
    #expect(try excluded("**/*.pyc", "a/b/c.pyc"))
    #expect(try excluded("**/__pycache__", "pkg/__pycache__/x.pyc"))
    #expect(try excluded("docs/**", "docs/a/b"))
    #expect(try excluded("a/**/b", "a/b"))
    #expect(try excluded("a/**/b", "a/x/y/b"))
    #expect(try !excluded("a/**/b", "a/xb"))
    #expect(try excluded("**", "anything/at/all"))
  }

  @Test("Character classes and escapes")
  func classes() throws {
    #expect(try excluded("[a-c].txt", "b.txt"))
    #expect(try !excluded("[a-c].txt", "d.txt"))
    #expect(try excluded("[^a].txt", "b.txt"))
    #expect(try excluded("\\*.txt", "*.txt"))
    #expect(try !excluded("\\*.txt", "a.txt"))
  }

  @Test("! exceptions re-include; the last matching pattern wins")
  func exceptions() throws {
    let patterns = "*.md\n!README.md\n"
    #expect(try excluded(patterns, "CHANGES.md"))
    #expect(try !excluded(patterns, "README.md"))
    #expect(try excluded("!README.md\n*.md\n", "README.md"))
    let directory = try ignore(".streamlit/\n!.streamlit/config.toml\n")
    #expect(!directory.match(path: ".streamlit/config.toml").excluded)
    #expect(directory.match(path: ".streamlit/config.toml").pattern?.location.line == 2)
    #expect(directory.match(path: ".streamlit/secrets.toml").excluded)
  }

  @Test("Comments and blank lines are skipped; line numbers are kept")
  func commentsAndLines() throws {
    let parsed = try ignore("# comment\n\n  .git  \n .venv\n#not-a-pattern\n")
    #expect(parsed.patterns.map(\.written.value) == [".git", ".venv"])
    #expect(parsed.patterns.map(\.written.location) == [
      SourceLocation(file: ".dockerignore", line: 3, column: 3), SourceLocation(file: ".dockerignore", line: 4, column: 2),
    ])
    let verdict = parsed.match(path: ".venv/bin/python")
    #expect(verdict.excluded)
    #expect(verdict.pattern?.value == ".venv")
    #expect(verdict.pattern?.location.line == 4)
  }

  @Test("The context root is never excluded; unmatched paths report no pattern")
  func root() throws {
    let parsed = try ignore("*\n")
    #expect(!parsed.match(path: ".").excluded)
    #expect(try ignore("a\n").match(path: "b") == (false, nil))
  }

  @Test("Malformed patterns are errors at their line")
  func errors() {
    func error(_ text: String) -> InputError? {
      TestSupport.inputError { () throws(InputError) in _ = try DockerIgnore.parse(SourceText(file: ".dockerignore", text: text)) }
    }
    #expect(error("ok\n!\n")?.location == SourceLocation(file: ".dockerignore", line: 2, column: 1))
    #expect(error("a[b\n")?.message.contains("syntax error in pattern") == true)
    #expect(error("x\\\n")?.message.contains("trailing backslash") == true)
    #expect(error("[]a]\n") != nil)
  }

  @Test("Pathological patterns match in linear time")
  func pathological() throws {
    let parsed = try ignore(String(repeating: "*", count: 40) + "a\n" + String(repeating: "**/", count: 30) + "b\n")
    let path = String(repeating: "x", count: 5_000)
    #expect(!parsed.match(path: path).excluded)
    // Past the first `**`, patternmatcher reads `**` as `(.*/)?`: the `a` must start a name.
    #expect(!parsed.match(path: path + "a").excluded)
    #expect(parsed.match(path: path + "/a").excluded)
    #expect(try excluded("**a", "xxa"))
    #expect(parsed.match(path: String(repeating: "d/", count: 500) + "b").excluded)
  }

  @Test("Matching spends the caller's steps; past them the verdict is undecided, not a guess")
  func matchingIsBudgeted() throws {
    let exceptions = (0..<100).map { "!**/" + String(repeating: "*a", count: 20) + "*q\($0)" }
    let parsed = try ignore((["app"] + exceptions).joined(separator: "\n"))
    let path = "app/" + (0..<30).map { "d\($0)aaaaaaaa" }.joined(separator: "/") + "/main.py"
    var budget = Int.max
    let verdict = try #require(parsed.match(path: path, budget: &budget))
    #expect(verdict.excluded)
    #expect(verdict.pattern?.value == "app")
    let spent = Int.max - budget
    #expect(spent > 100 * path.utf8.count)
    var short = spent - 1
    #expect(parsed.match(path: path, budget: &short) == nil)
    var exact = spent
    #expect(parsed.match(path: path, budget: &exact)?.excluded == true)
    #expect(exact == 0)
  }
}

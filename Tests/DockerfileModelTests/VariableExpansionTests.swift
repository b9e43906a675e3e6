import Testing
@testable import DockerfileModel

/// BuildKit's word expansion and ARG/ENV scoping
/// (https://docs.docker.com/reference/dockerfile/#environment-replacement).
@Suite("Variable expansion")
struct VariableExpansionTests {
  let scope = VariableScope(["SET": .value("x"), "EMPTY": .value(""), "ARG": .unknown])

  @Test("$VAR and ${VAR}", arguments: [
    ("$SET", "x"), ("${SET}", "x"), ("a${SET}b", "axb"), ("$SET-y", "x-y"), ("$UNSET", ""), ("${UNSET}", ""), ("$", "$"), ("a$", "a$"),
  ])
  func plain(_ word: String, _ expected: String) {
    #expect(scope.expand(word) == .resolved(expected))
  }

  @Test("Default and alternative values, with and without colon", arguments: [
    ("${UNSET:-d}", "d"), ("${EMPTY:-d}", "d"), ("${SET:-d}", "x"),
    ("${UNSET-d}", "d"), ("${EMPTY-d}", ""), ("${SET-d}", "x"),
    ("${UNSET:+a}", ""), ("${EMPTY:+a}", ""), ("${SET:+a}", "a"),
    ("${UNSET+a}", ""), ("${EMPTY+a}", "a"), ("${SET+a}", "a"),
    ("${UNSET:-${SET}}", "x"), ("${UNSET:-a b}", "a b"),
  ])
  func modifiers(_ word: String, _ expected: String) {
    #expect(scope.expand(word) == .resolved(expected))
  }

  @Test("Quotes and escapes", arguments: [
    ("'$SET'", "$SET"), ("\"$SET\"", "x"), ("\\$SET", "$SET"), ("\"a\\\"b\"", "a\"b"), ("\"a\\b\"", "a\\b"),
    ("a\\ b", "a b"), ("'a\\'", "a\\"), ("\"\"", ""), ("\\", ""),
  ])
  func quoting(_ word: String, _ expected: String) {
    #expect(scope.expand(word) == .resolved(expected))
  }

  @Test("The backtick escape token")
  func backtick() {
    #expect(scope.expand("`$SET", escapeToken: "`") == .resolved("$SET"))
    #expect(scope.expand("\\$SET", escapeToken: "`") == .resolved("\\x"))
  }

  @Test("Unknown build-argument values stay unresolved")
  func unknownValues() {
    for word in ["$ARG", "${ARG}", "${ARG:-d}", "pre-${ARG:+a}"] {
      guard case .unresolved(let expression, let reason) = scope.expand(word) else {
        Issue.record("\(word) should be unresolved")
        continue
      }
      #expect(expression == word)
      #expect(reason.contains("ARG"))
    }
    if case .resolved = scope.expand("${X#pre}") { Issue.record("pattern substitution must not be guessed") }
  }

  @Test("Required values and malformed substitutions")
  func errors() {
    #expect(scope.expand("${UNSET:?must be set}") == .unresolved(expression: "${UNSET:?must be set}", reason: "UNSET: must be set"))
    #expect(scope.expand("${SET?}") == .resolved("x"))
    #expect(VariableScope.syntaxError(in: "${A", escapeToken: "\\") != nil)
    #expect(VariableScope.syntaxError(in: "${:}", escapeToken: "\\") != nil)
    #expect(VariableScope.syntaxError(in: "${A:=b}", escapeToken: "\\") != nil)
    #expect(VariableScope.syntaxError(in: "'open", escapeToken: "\\") != nil)
  }

  @Test("Nesting is bounded")
  func nesting() {
    let deep = String(repeating: "${A:-", count: 200) + "x" + String(repeating: "}", count: 200)
    #expect(VariableScope.syntaxError(in: deep, escapeToken: "\\")?.message.contains("nested") == true)
    let shallow = String(repeating: "${A:-", count: 20) + "x" + String(repeating: "}", count: 20)
    #expect(scope.expand(shallow) == .resolved("x"))
  }

  @Test("Word splitting after expansion")
  func words() {
    let ports = VariableScope(["PORTS": .value("80 443")])
    #expect(ports.expandWords("$PORTS 8080") == [.resolved("80"), .resolved("443"), .resolved("8080")])
    #expect(ports.expandWords("\"$PORTS\"") == [.resolved("80 443")])
  }

  @Test("A global ARG is visible to FROM, and in a stage only after ARG NAME")
  func argScope() throws {
    let dockerfile = try TestSupport.parse("""
      ARG PYTHON=3.12
      ARG HOME_DIR=/srv
      FROM python:${PYTHON}-slim
      WORKDIR ${HOME_DIR:-/fallback}
      ARG PYTHON
      ENV VERSION=$PYTHON
      """)
    let facts = dockerfile.finalImage
    #expect(dockerfile.finalStage.base == .image("python:3.12-slim"))
    #expect(facts.workdir?.value == .resolved("/fallback"))
    #expect(facts.environment["VERSION"]?.value == .resolved("3.12"))
  }

  @Test("An ARG without a default is unresolved unless build arguments are given")
  func buildArguments() throws {
    let dockerfile = try TestSupport.parse("ARG TAG\nFROM alpine:$TAG\nARG UID\nUSER $UID\n")
    guard case .unresolved = dockerfile.finalStage.base else {
      Issue.record("base should be unresolved")
      return
    }
    #expect(dockerfile.finalImage.user?.value.resolution.isRoot == nil)
    let given = dockerfile.image(of: 0, buildArguments: .given(["TAG": "3.20", "UID": "1000"]))
    #expect(given.base.value == .image("alpine:3.20"))
    #expect(given.user?.value.resolution == .nonRoot(uid: 1000, name: nil, Evidence("USER 1000 is numeric UID 1000", at: given.user?.location)))
  }

  @Test("ENV persists, overrides ARG, and is inherited by a stage FROM the stage")
  func envPersistence() throws {
    let dockerfile = try TestSupport.parse("""
      FROM alpine AS base
      ARG MODE=dev
      ENV MODE=prod APP=/app
      ENV PATH_TO=${APP}/bin LEVEL=$MODE
      FROM base
      ENV FULL=${PATH_TO}:$MODE
      """)
    let facts = dockerfile.finalImage
    #expect(facts.environment["LEVEL"]?.value == .resolved("prod"))
    #expect(facts.environment["FULL"]?.value == .resolved("/app/bin:prod"))
    #expect(facts.environment["FULL"]?.location.line == 6)
  }

  /// Values are counted as they are substituted: past 1 MiB in one word the expansion
  /// stops and is unresolved (100 references to a 1 MiB value took 43 s to build first).
  @Test func substitutionsPastTheLimitStop() {
    let big = VariableScope(["A": .value(String(repeating: "a", count: 600_000))])
    #expect(big.expand("${A}") == .resolved(String(repeating: "a", count: 600_000)))
    let twice = big.expand("x${A}${A:-d}")
    #expect(twice == .unresolved(expression: "x${A}${A:-d}", reason: "expands to more than 1048576 bytes; not computed"))
    #expect(big.expand("${A:+y}${A:+y}") == .resolved("yy"))
    let many = big.expand(String(repeating: "${A}", count: 100))
    if case .resolved = many { Issue.record("100 references to 600 KB must not resolve") }
  }

  /// A replay's expansions make at most 4 MiB in all: 40 ENV lines each taking a 500 KB
  /// value are computed up to the budget and "not computed" after it (4,000 growing ENV
  /// lines had taken 22 s, 16,000 quoted ones 6.2 GB).
  @Test func expansionsOfOneDockerfileShareABudget() throws {
    let big = String(repeating: "a", count: 500_000)
    let lines = (0..<40).map { "ENV V\($0)=\"${C}\"" }.joined(separator: "\n")
    // C is ten B of 50,000 bytes (a Dockerfile line holds at most 65,535).
    let facts = try TestSupport.parse(
      "FROM alpine\nENV B=\(String(repeating: "a", count: 50_000))\nENV C=\"\(String(repeating: "${B}", count: 10))\"\n\(lines)\n"
    ).finalImage
    #expect(facts.environment["V0"]?.value == .resolved(big))
    // 4 MiB less C's 500,000 bytes holds 8 more such values (the 8th starts with 194,304
    // bytes left).
    let computed = (0..<40).filter { facts.environment["V\($0)"]?.value == .resolved(big) }
    #expect(computed == Array(0..<8))
    #expect(facts.environment["V39"]?.value == .unresolved(expression: "\"${C}\"", reason: "the Dockerfile's variable expansions make more than 4194304 bytes in all; not computed"))
  }

  /// A relative WORKDIR past Linux's PATH_MAX leaves the working directory unresolved,
  /// and so every later one (a chain of 16,000 had taken 60 s and 918 MB); under it the
  /// directory is computed.
  @Test func aWorkingDirectoryPastPathMaxIsUnresolved() throws {
    func workdir(_ count: Int) throws -> ExpandedValue? {
      let chain = (0..<count).map { _ in "WORKDIR \(String(repeating: "d", count: 99))" }.joined(separator: "\n")
      return try TestSupport.parse("FROM alpine\n\(chain)\n").finalImage.workdir?.value
    }
    #expect(try workdir(40) == .resolved(String(repeating: "/" + String(repeating: "d", count: 99), count: 40)))
    guard case .unresolved(_, let reason)? = try workdir(41) else {
      Issue.record("a 4,100-byte working directory must be unresolved")
      return
    }
    #expect(reason.contains("past Linux's PATH_MAX of 4096"))
  }
}

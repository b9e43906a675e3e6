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
}

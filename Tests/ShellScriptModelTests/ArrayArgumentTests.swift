import Testing

@testable import ShellScriptModel

/// `"${ARRAY[@]}"` as a command's arguments: one argument per element, as bash expands it
/// (Bash Reference Manual, 6.7 "Arrays"), for every reader of `argumentList`.
@Suite struct ArrayArgumentTests {
  @Test func dockerBuildOptionsFromAnArray() throws {
    let source = """
      TAG=abc123
      BUILD_ARGS=(--platform linux/amd64 -f docker/Dockerfile -t "repo:${TAG}" -t repo:latest)
      docker build "${BUILD_ARGS[@]}" .
      """
    let build = try #require(try parse(source).evaluate(Environment(arguments: ["prod"])).commands(named: "docker").first)
    #expect(build.isSubcommand("build"))
    #expect(build.values(ofFlag: "-t").map(\.description) == ["repo:abc123", "repo:latest"])
    #expect(build.value(ofFlag: "-f")?.literal == "docker/Dockerfile")
    #expect(build.positionalArguments(optionsWithValues: ["-f", "-t", "--platform"]).map(\.description) == ["build", "."])
  }

  @Test func emptyArrayGivesNoArgument() throws {
    let source = "EXTRA=()\ndocker push \"${EXTRA[@]}\" repo:latest\n"
    let push = try #require(try parse(source).evaluate(Environment(arguments: ["prod"])).commands(named: "docker").first)
    #expect(push.argumentList.map(\.description) == ["push", "repo:latest"])
  }
}

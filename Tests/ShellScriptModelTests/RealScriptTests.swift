import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct RealScriptTests {
  @Test func case01ParameterOverrides() throws {
    let script = try loadCase("01-", "deploy.sh")
    let prod = script.evaluate(Environment(arguments: ["prod"]))
    let deploys = prod.commands(named: "sam", "deploy")
    #expect(deploys.count == 1)
    let deploy = try #require(deploys.first)
    #expect(deploy.location == SourceLocation(file: "deploy.sh", line: 7, column: 1))
    #expect(deploy.value(ofFlag: "--config-env")?.literal == "prod")
    let overrides = try #require(deploy.parameterOverrides)
    #expect(overrides.map(\.key) == ["ImageTag"])
    #expect(overrides[0].value.symbols.first?.command == "git rev-parse --short HEAD")
    #expect(overrides[0].value.symbols.first?.variable == "IMAGE_TAG")
  }
}

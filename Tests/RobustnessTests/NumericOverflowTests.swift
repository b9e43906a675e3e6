import Diagnostics
import Requirements
import ShellScriptModel
import Testing
import TemplateModel

/// Numbers at the edge of 64 bits in any input are values the rules cannot compute with:
/// each of these ended the run in a trap (exit 132, nothing on standard error) before.
@Suite struct NumericOverflowTests {
  /// bash takes any 64-bit offset and length; the sum is clamped, not overflowed.
  @Test(arguments: [
    ("X=abc; Y=\"${X:1:9223372036854775807}\"; echo \"$Y\"", "bc"),
    ("X=abc; Y=\"${X:9223372036854775807:1}\"; echo \"$Y\"", ""),
    ("X=abc; Y=\"${X:1:-9223372036854775807}\"; echo \"$Y\"", ""),
  ])
  func substringLengthsAreClamped(script: String, echoed: String) throws {
    let parsed = try ShellScript.parse(SourceText(file: "deploy.sh", text: script))
    let echo = try #require(parsed.evaluate(Environment(arguments: [], unlistedVariablesAreUnset: true)).commands(named: "echo").first)
    #expect(echo.resolvedArguments.first?.literal == echoed)
  }

  @Test func substringsOfCommandOutputWithHugeOffsetsStayUnknown() throws {
    let parsed = try ShellScript.parse(SourceText(file: "deploy.sh", text: "SHA=$(git rev-parse HEAD)\nT=\"${SHA:9223372036854775807:1}\"\necho \"$T\"\n"))
    let echo = try #require(parsed.evaluate(Environment(arguments: [], unlistedVariablesAreUnset: true)).commands(named: "echo").first)
    #expect(echo.resolvedArguments.first?.literal == nil)
  }

  @Test(arguments: ["1e300 vCPU", "inf vCPU", "nan vCPU", "-1e300 vCPU"])
  func hugeTaskCPUIsNoValue(text: String) {
    #expect(TaskSize.cpuUnits(text) == nil)
    #expect(TaskSize.mebibytes(text.replacingOccurrences(of: "vCPU", with: "GB")) == nil)
  }

  @Test func hugeSamconfigNumbersAreText() throws {
    let samconfig = try SamConfig.load(SourceText(file: "samconfig.toml", text: "version = 0.1\n[dev.deploy.parameters]\nregion = 1e300\nstack_name = \"s\"\n"))
    let configuration = try DeployConfiguration.resolve(environment: "dev", samconfig: samconfig, command: nil)
    #expect(configuration.region?.value.literal == "1e+300")
  }

  @Test(arguments: ["9223372036854775807", "-9223372036854775808", "2147483648", "-2147483649"])
  func templateIntegersOutsideThirtyTwoBitsAreNoInteger(text: String) throws {
    let template = try Template.load(SourceText(file: "template.yaml", text: "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      N: \(text)\n"))
    #expect(template.resources.first?.propertiesNode?.map?["N"]?.scalar?.integer == nil)
    let inRange = try Template.load(SourceText(file: "template.yaml", text: "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      N: 2147483647\n"))
    #expect(inRange.resources.first?.propertiesNode?.map?["N"]?.scalar?.integer == 2_147_483_647)
  }
}

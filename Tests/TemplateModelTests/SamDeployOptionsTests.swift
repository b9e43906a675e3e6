import Diagnostics
import Foundation
import Testing
@testable import TemplateModel

/// Keys of a `deploy` table that name no `sam deploy` option: SAM CLI ignores them, so
/// the option they meant keeps its default.
@Suite struct SamDeployOptionsTests {
  static let toml = """
    version = 0.1
    [prod.global.parameters]
    use_container = true

    [prod.deploy.parameters]
    stack_name = "prod-stack"
    confirm_changset = true
    capabilties = "CAPABILITY_IAM"
    something_else = 1
    """

  static let yaml = """
    version: 0.1
    prod:
      global:
        parameters:
          use_container: true
      deploy:
        parameters:
          stack_name: prod-stack
          confirm_changset: true
          capabilties: CAPABILITY_IAM
          something_else: 1
    """

  @Test(arguments: [("samconfig.toml", toml), ("samconfig.yaml", yaml)])
  func unknownDeployKeysAreListedWithTheOptionMeant(file: String, text: String) throws {
    let samconfig = try SamConfig.load(SourceText(file: file, text: text))
    let configuration = try DeployConfiguration.resolve(environment: "prod", samconfig: samconfig, command: nil)
    // The global table serves every command (`use_container` is `sam build`'s): not checked.
    #expect(configuration.unknownKeys.map(\.key) == ["confirm_changset", "capabilties", "something_else"])
    #expect(configuration.unknownKeys.map(\.suggestion) == ["confirm_changeset", "capabilities", nil])
    let misspelt = try #require(configuration.misspelling(of: "confirm_changeset"))
    #expect(misspelt.location.line == text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("confirm_changset") }! + 1)
    #expect(misspelt.message == "samconfig's confirm_changset is no sam deploy option, so SAM CLI ignores it: did you mean confirm_changeset?")
    #expect(configuration.misspelling(of: "region") == nil)
    #expect(configuration.unknownKeys[2].message == "samconfig's something_else is no sam deploy option, so SAM CLI ignores it")
  }

  @Test func everyKeyOfThisRepositorysSamconfigIsAnOption() throws {
    let samconfig = try SamConfig.load(SourceText.read(path: SharedMaterial.packageRoot.appendingPathComponent("infra/samconfig.toml").path))
    for name in samconfig.deployableEnvironmentNames {
      let configuration = try DeployConfiguration.resolve(environment: name, samconfig: samconfig, command: nil)
      #expect(configuration.unknownKeys.isEmpty, "\(name): \(configuration.unknownKeys.map(\.key))")
    }
  }
}

import Diagnostics
import Testing
@testable import TemplateModel

/// SAM CLI's precedence for `sam deploy --config-env <env>`, table-driven: command-line
/// flags over `[env.deploy.parameters]` over `[env.global.parameters]`; `[default.*]` is
/// never inherited by a named env; a command-line `--parameter-overrides` replaces the
/// env's list.
@Suite struct SamConfigPrecedenceTests {
  static let toml = """
    version = 0.1
    [default.deploy.parameters]
    stack_name = "from-default"
    region = "eu-west-1"
    parameter_overrides = "Env=default"

    [dev.global.parameters]
    region = "us-west-2"
    profile = "dev-profile"
    stack_name = "global-name"

    [dev.deploy.parameters]
    stack_name = "dev-stack"
    capabilities = "CAPABILITY_IAM CAPABILITY_AUTO_EXPAND"
    parameter_overrides = "Env=dev Domain=\\"a b\\" Size='large'"

    [prod.deploy.parameters]
    stack_name = "prod-stack"
    capabilities = ["CAPABILITY_NAMED_IAM"]
    parameter_overrides = ["Env=prod", "Domain=example.com"]
    confirm_changeset = true
    """

  static let yaml = """
    version: 0.1
    dev:
      global:
        parameters:
          region: us-west-2
          profile: dev-profile
          stack_name: global-name
      deploy:
        parameters:
          stack_name: dev-stack
          capabilities: CAPABILITY_IAM CAPABILITY_AUTO_EXPAND
          parameter_overrides: Env=dev Domain="a b" Size='large'
    prod:
      deploy:
        parameters:
          stack_name: prod-stack
          capabilities: [CAPABILITY_NAMED_IAM]
          parameter_overrides: [Env=prod, Domain=example.com]
          confirm_changeset: true
    """

  struct Case: Sendable, CustomTestStringConvertible {
    var environment: String
    var flags: [String: String] = [:]
    var overrides: [(String, String)]? = nil
    var expectStack: String?
    var expectRegion: String?
    var expectProfile: String?
    var expectCapabilities: [String]
    var expectOverrides: [String: String]
    var expectDropped: [String] = []
    var name: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(environment: "dev", expectStack: "dev-stack", expectRegion: "us-west-2", expectProfile: "dev-profile",
         expectCapabilities: ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"], expectOverrides: ["Env": "dev", "Domain": "a b", "Size": "large"],
         name: "deploy over global; quoted override values"),
    Case(environment: "prod", expectStack: "prod-stack", expectRegion: nil, expectProfile: nil,
         expectCapabilities: ["CAPABILITY_NAMED_IAM"], expectOverrides: ["Env": "prod", "Domain": "example.com"],
         name: "a named env does not inherit [default.*]; list forms"),
    Case(environment: "default", expectStack: "from-default", expectRegion: "eu-west-1", expectProfile: nil,
         expectCapabilities: [], expectOverrides: ["Env": "default"], name: "the default env reads [default.*]"),
    Case(environment: "dev", flags: ["--stack-name": "cli-stack", "--region": "ap-south-1"],
         expectStack: "cli-stack", expectRegion: "ap-south-1", expectProfile: "dev-profile",
         expectCapabilities: ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"], expectOverrides: ["Env": "dev", "Domain": "a b", "Size": "large"],
         name: "command-line flags win"),
    Case(environment: "dev", overrides: [("ImageTag", "abc1234")], expectStack: "dev-stack", expectRegion: "us-west-2",
         expectProfile: "dev-profile", expectCapabilities: ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
         expectOverrides: ["ImageTag": "abc1234"], expectDropped: ["Env", "Domain", "Size"],
         name: "command-line --parameter-overrides replaces the env's list (aws-sam-cli#2380)"),
  ]

  @Test("precedence", arguments: cases, ["samconfig.toml", "samconfig.yaml"])
  func precedence(_ testCase: Case, file: String) throws {
    let text = file.hasSuffix(".toml") ? Self.toml : Self.yaml
    guard file.hasSuffix(".toml") || testCase.environment != "default" else { return }  // the YAML copy has no default env
    let config = try SamConfig.load(SourceText(file: file, text: text))
    let here = SourceLocation(file: "deploy.sh", line: 1, column: 1)
    // A command selects its env with --config-env (without it SAM CLI reads `default`).
    let flags = testCase.flags.merging(["--config-env": testCase.environment]) { given, _ in given }
    let command = testCase.flags.isEmpty && testCase.overrides == nil ? nil : SamDeployCommand(
      location: here,
      flags: flags.mapValues { [Located(ScriptValue.literal($0), at: here)] },
      parameterOverrides: testCase.overrides.map { $0.map { Located(.init(key: $0.0, value: .literal($0.1)), at: here) } })
    let resolved = try DeployConfiguration.resolve(environment: testCase.environment, samconfig: config, command: command)
    #expect(resolved.stackName?.value.literal == testCase.expectStack)
    #expect(resolved.region?.value.literal == testCase.expectRegion)
    #expect(resolved.profile?.value.literal == testCase.expectProfile)
    #expect(resolved.capabilities.compactMap(\.value.literal) == testCase.expectCapabilities)
    #expect(Dictionary(uniqueKeysWithValues: resolved.parameterOverrides.map { ($0.key, $0.value.literal ?? "?") }) == testCase.expectOverrides)
    #expect(resolved.droppedOverrides.map(\.value.key).sorted() == testCase.expectDropped.sorted())
  }

  /// Without --config-env, SAM CLI reads samconfig's `default` env whichever env the
  /// deploy script was run for; with one, that env.
  @Test func aCommandWithoutConfigEnvReadsTheDefaultEnv() throws {
    let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: Self.toml))
    let here = SourceLocation(file: "deploy.sh", line: 7, column: 3)
    let bare = SamDeployCommand(location: here, flags: [:], parameterOverrides: nil)
    let dev = try DeployConfiguration.resolve(environment: "dev", samconfig: config, command: bare)
    #expect(dev.samconfigEnvironment == "default")
    #expect(dev.stackName?.value.literal == "from-default")
    #expect(dev.otherEnvironmentNote(in: config) == "its sam deploy passes no --config-env, so SAM CLI reads samconfig's default env instead of dev's")
    let prod = SamDeployCommand(location: here, flags: ["--config-env": [Located(.literal("prod"), at: here)]], parameterOverrides: nil)
    let selected = try DeployConfiguration.resolve(environment: "dev", samconfig: config, command: prod)
    #expect(selected.stackName?.value.literal == "prod-stack")
    #expect(selected.otherEnvironmentNote(in: config) == "its sam deploy passes --config-env prod, so SAM CLI reads samconfig's prod env instead of dev's")
    let noDefault = try SamConfig.load(SourceText(file: "samconfig.yaml", text: Self.yaml))
    #expect(try DeployConfiguration.resolve(environment: "dev", samconfig: noDefault, command: bare).otherEnvironmentNote(in: noDefault)
      == "its sam deploy passes no --config-env, so SAM CLI reads samconfig's default env instead of dev's, and samconfig does not define default")
  }

  @Test func tomlKeysAreLocated() throws {
    let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: Self.toml))
    let dev = try #require(config.environment("dev"))
    #expect(dev.deployParameters["stack_name"]?.location == SourceLocation(file: "samconfig.toml", line: 13, column: 1))
    #expect(dev.deployParameters["region"]?.location.line == 8)
    #expect(config.environments.map(\.name) == ["default", "dev", "prod"])
  }

  @Test func malformedOverridesAreLocatedErrors() throws {
    let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: "version = 0.1\n[dev.deploy.parameters]\nparameter_overrides = \"Env=dev Broken\"\n"))
    let error = try #require(throws: InputError.self) { try DeployConfiguration.resolve(environment: "dev", samconfig: config, command: nil) }
    #expect(error.location == SourceLocation(file: "samconfig.toml", line: 3, column: 1))
    #expect(error.message.contains("\"Broken\" is not Key=Value"))
  }

  /// More overrides than a template has parameters (at most 200): a located error, as a
  /// string and as a list, at `ParameterOverrides.maximumPairs` + 1.
  @Test(arguments: [false, true])
  func tooManyOverridesAreALocatedError(asList: Bool) throws {
    let words = (0...ParameterOverrides.maximumPairs).map { "P\($0)=v" }
    let value = asList ? "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]" : "\"" + words.joined(separator: " ") + "\""
    let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: "version = 0.1\n[dev.deploy.parameters]\nparameter_overrides = \(value)\n"))
    let error = try #require(throws: InputError.self) { try DeployConfiguration.resolve(environment: "dev", samconfig: config, command: nil) }
    #expect(error.location == SourceLocation(file: "samconfig.toml", line: 3, column: 1))
    #expect(error.message.contains("more than \(ParameterOverrides.maximumPairs) parameter overrides"), "\(error.message)")
    #expect(try ParameterOverrides.parse(words.dropLast().joined(separator: " ")).count == ParameterOverrides.maximumPairs)
  }

  /// SAM CLI refuses a non-empty configuration whose `version` is missing or not a
  /// floating-point number; so does vibe-rules, at the key (or the first config env).
  @Test(arguments: [
    ("[dev.deploy.parameters]\nregion = \"us-east-1\"\n", "samconfig.toml", 1, "no version key"),
    ("version = \"0.1\"\n[dev.deploy.parameters]\nregion = \"us-east-1\"\n", "samconfig.toml", 1, "found the string \"0.1\""),
    ("version = 1\n[dev.deploy.parameters]\nregion = \"us-east-1\"\n", "samconfig.toml", 1, "found the integer 1"),
    ("dev:\n  deploy:\n    parameters:\n      region: us-east-1\n", "samconfig.yaml", 1, "no version key"),
    ("version: \"0.1\"\ndev:\n  deploy:\n    parameters:\n      region: us-east-1\n", "samconfig.yaml", 1, "found the string \"0.1\""),
  ])
  func versionMustBeANumber(_ text: String, _ file: String, _ line: Int, _ message: String) throws {
    let error = try #require(throws: InputError.self) { try SamConfig.load(SourceText(file: file, text: text)) }
    #expect(error.location?.line == line)
    #expect(error.message.contains(message), "\(error.message)")
    #expect(throws: Never.self) { try SamConfig.load(SourceText(file: file, text: "")) }
  }

  @Test func invalidTOMLIsALocatedError() {
    let error = try? #require(throws: InputError.self) { try SamConfig.load(SourceText(file: "samconfig.toml", text: "version = 0.1\n[dev.deploy.parameters\nregion = 1\n")) }
    #expect(error?.location?.line == 2)
  }

  @Test("parameter_overrides string forms", arguments: [
    ("A=1 B=2", ["A": "1", "B": "2"]),
    ("A=\"x y\" B='z'", ["A": "x y", "B": "z"]),
    ("ParameterKey=A,ParameterValue=1 ParameterKey=B,ParameterValue=2", ["A": "1", "B": "2"]),
    ("A=", ["A": ""]),
    ("  A=1   B=2  ", ["A": "1", "B": "2"]),
  ])
  func overrideForms(_ text: String, _ expected: [String: String]) throws {
    let pairs = try ParameterOverrides.parse(text)
    #expect(Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) }) == expected)
  }
}

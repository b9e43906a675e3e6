import Diagnostics

/// Where a deploy setting comes from.
public enum SettingOrigin: Hashable, Sendable {
  /// The samconfig file, at the key.
  case samconfig(SourceLocation)
  /// The deploy script's `sam deploy` command line.
  case commandLine(SourceLocation)
  /// The template's `Default`.
  case templateDefault(SourceLocation)

  public var location: SourceLocation {
    switch self {
    case .samconfig(let location), .commandLine(let location), .templateDefault(let location): location
    }
  }
}

/// A deploy setting's value and its origin.
public struct DeploySetting: Hashable, Sendable {
  public var value: ScriptValue
  public var origin: SettingOrigin
}

/// The effective `sam deploy` configuration for one config env, resolved the way SAM CLI
/// resolves it: command-line flags win over `[env.deploy.parameters]`, which win over
/// `[env.global.parameters]`; a named env never inherits `[default.*]`. A command-line
/// `--parameter-overrides` REPLACES the env's `parameter_overrides` list, it does not
/// merge with it (aws/aws-sam-cli#2380, still open; PR #7876 proposing a merge is not
/// released). Reference: "AWS SAM CLI configuration file: rules of precedence",
/// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html
public struct DeployConfiguration: Sendable {
  public struct Override: Hashable, Sendable {
    public var key: String
    public var value: ScriptValue
    public var origin: SettingOrigin
  }

  public var environment: String
  public var stackName: DeploySetting?
  public var region: DeploySetting?
  public var profile: DeploySetting?
  public var templateFile: DeploySetting?
  public var confirmChangeset: DeploySetting?
  public var capabilities: [DeploySetting]
  /// The overrides SAM CLI will send.
  public var parameterOverrides: [Override]
  /// The env's samconfig overrides that a command-line `--parameter-overrides` dropped.
  public var droppedOverrides: [Located<ParameterOverrides.Pair>]
  /// Overrides the script passes that cannot be read statically.
  public var unresolvedOverrides: [Located<String>]
  /// The deploy script command this configuration includes, if any.
  public var command: SamDeployCommand?
  /// The stack-level tags `sam deploy` sets: the command line's `--tags` when given (it
  /// replaces the samconfig value, as any flag does), else samconfig `tags`; `Key=Value`
  /// pairs as `parameter_overrides` spells them. Values not known statically, or text that
  /// is not pairs, give no tag. CloudFormation propagates stack tags to the resources of
  /// the stack (how varies by resource type). Reference: "CloudFormation resource tagging",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
  public var stackTags: [Located<ParameterOverrides.Pair>] = []
  /// The keys of the env's `deploy` table that name no `sam deploy` option: SAM CLI
  /// ignores them (`SamDeployOptions`).
  public var unknownKeys: [UnknownSamConfigKey] = []

  /// The unknown key that most likely meant option `key` (`confirm_changset` for
  /// `confirm_changeset`), when the table does not set `key` itself.
  public func misspelling(of key: String) -> UnknownSamConfigKey? {
    unknownKeys.first { $0.suggestion == key }
  }

  /// The samconfig env whose tables SAM CLI reads for this deploy: the `sam deploy`
  /// command's `--config-env`, SAM CLI's `default` when the command gives none, or
  /// `environment` when there is no command or its `--config-env` is not known statically.
  public var samconfigEnvironment: String = ""

  /// Why this env's settings are another samconfig env's, for messages ("its sam deploy
  /// passes no --config-env, so SAM CLI reads samconfig's default env instead of dev's,
  /// and samconfig does not define default"); nil when SAM CLI reads `environment`'s
  /// tables.
  public func otherEnvironmentNote(in samconfig: SamConfig?) -> String? {
    guard samconfigEnvironment != environment, let command else { return nil }
    let flag = command.value(of: "--config-env") == nil ? "passes no --config-env" : "passes --config-env \(samconfigEnvironment)"
    let undefined = samconfig?.environment(samconfigEnvironment) != nil ? "" : ", and samconfig does not define \(samconfigEnvironment)"
    return "its sam deploy \(flag), so SAM CLI reads samconfig's \(samconfigEnvironment) env instead of \(environment)'s\(undefined)"
  }

  /// Why option `key`, which has no value here, has none beyond its not being written:
  /// a misspelt key that meant it (`misspelling(of:)`) and the other samconfig env SAM
  /// CLI reads (`otherEnvironmentNote`), as message parts; and where a finding about it
  /// points: the misspelt key, else the `sam deploy` that selects the other env, else the
  /// first table of the env read (nil when samconfig has none).
  public func unsetReason(of key: String, in samconfig: SamConfig?) -> (notes: [String], location: SourceLocation?) {
    let misspelt = misspelling(of: key)
    let other = otherEnvironmentNote(in: samconfig)
    let location = misspelt?.location ?? (other == nil ? nil : command?.location) ?? samconfig?.environment(samconfigEnvironment)?.location
    return ([misspelt?.message, other].compactMap { $0 }, location)
  }

  /// Resolves env `name` of `samconfig` (if any) with `command`'s flags (if any); the
  /// samconfig tables read are those of the env the command selects
  /// (`samconfigEnvironment`).
  public static func resolve(environment name: String, samconfig: SamConfig?, command: SamDeployCommand?) throws(InputError) -> DeployConfiguration {
    let read = command.map { $0.configEnv.literal ?? name } ?? name
    let table = samconfig?.environment(read)
    let file = table?.deployParameters ?? [:]
    func setting(_ key: String, flag: String) -> DeploySetting? {
      if let value = command?.value(of: flag) { return DeploySetting(value: value.value, origin: .commandLine(value.location)) }
      return file[key].map { DeploySetting(value: .literal($0.text), origin: .samconfig($0.location)) }
    }
    var capabilities: [DeploySetting] = []
    if let values = command?.flags["--capabilities"], !values.isEmpty {
      for value in values {
        let words = value.value.literal.map { $0.split(separator: " ").map { ScriptValue.literal(String($0)) } } ?? [value.value]
        capabilities += words.map { DeploySetting(value: $0, origin: .commandLine(value.location)) }
      }
    } else if let value = file["capabilities"] {
      capabilities = value.words.map { DeploySetting(value: .literal($0), origin: .samconfig(value.location)) }
    }
    var overrides: [Override] = []
    var dropped: [Located<ParameterOverrides.Pair>] = []
    let fileOverrides = try file["parameter_overrides"].map { value throws(InputError) in try ParameterOverrides.parse(value) } ?? []
    if let fromCommand = command?.parameterOverrides {
      overrides = fromCommand.map { Override(key: $0.value.key, value: $0.value.value, origin: .commandLine($0.location)) }
      let passed = Set(overrides.map(\.key))
      dropped = fileOverrides.filter { !passed.contains($0.value.key) }
    } else {
      overrides = fileOverrides.map { Override(key: $0.value.key, value: .literal($0.value.value), origin: .samconfig($0.location)) }
    }
    var configuration = DeployConfiguration(
      environment: name,
      stackName: setting("stack_name", flag: "--stack-name"),
      region: setting("region", flag: "--region"),
      profile: setting("profile", flag: "--profile"),
      templateFile: setting("template_file", flag: "--template-file") ?? setting("template", flag: "--template"),
      confirmChangeset: command?.flags["--no-confirm-changeset"] != nil
        ? DeploySetting(value: .literal("false"), origin: .commandLine(command!.flags["--no-confirm-changeset"]![0].location))
        : setting("confirm_changeset", flag: "--confirm-changeset"),
      capabilities: capabilities,
      parameterOverrides: overrides,
      droppedOverrides: dropped,
      unresolvedOverrides: command?.unresolvedOverrides ?? [],
      command: command,
      stackTags: stackTags(command: command, file: file["tags"]))
    configuration.samconfigEnvironment = read
    configuration.unknownKeys = SamDeployOptions.unknownKeys(in: table?.commands["deploy"] ?? [:])
    return configuration
  }

  private static func stackTags(command: SamDeployCommand?, file: SamConfigValue?) -> [Located<ParameterOverrides.Pair>] {
    if let values = command?.flags["--tags"], !values.isEmpty {
      return values.flatMap { value -> [Located<ParameterOverrides.Pair>] in
        guard let text = value.value.literal, let pairs = try? ParameterOverrides.parse(text) else { return [] }
        return pairs.map { Located($0, at: value.location) }
      }
    }
    guard let file else { return [] }
    return (try? ParameterOverrides.parse(file)) ?? []
  }
}

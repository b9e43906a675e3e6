import Diagnostics

/// A SAM CLI configuration file (`samconfig.toml`, `samconfig.yaml` or `.yml`): config
/// envs, each holding parameter tables per command (`deploy`, `global`, `build`, ...).
///
/// File shape: `version = 0.1`, then `[<env>.<command>.parameters]` tables (in YAML, the
/// same nesting as mappings). Command names with spaces use underscores
/// (`local_start_api`). Reference: "AWS SAM CLI configuration file",
/// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html
public struct SamConfig: Sendable {
  public enum Format: String, Sendable { case toml, yaml }

  public var file: String
  public var format: Format
  public var version: Located<String>?
  /// Config envs in the order they first appear in the file.
  public var environments: [SamConfigEnvironment]

  public init(file: String, format: Format, version: Located<String>?, environments: [SamConfigEnvironment]) {
    self.file = file
    self.format = format
    self.version = version
    self.environments = environments
  }

  /// SAM CLI refuses a configuration file that is not empty and whose `version` key is
  /// missing or not a floating-point number ("'version' key is not present or is in
  /// unrecognized format", `SamConfig._version_sanity_check` in samcli/lib/config/samconfig.py).
  static func versionError(found: String?, at location: SourceLocation) -> InputError {
    InputError(
      found.map { "samconfig: version must be a number such as 0.1; found \($0) (SAM CLI refuses the file)" }
        ?? "samconfig: no version key (version = 0.1); SAM CLI refuses a configuration without one",
      at: location)
  }

  public func environment(_ name: String) -> SamConfigEnvironment? {
    environments.first { $0.name == name }
  }

  /// Names of the config envs that have deploy or global parameters (the ones that can
  /// be deployed with `sam deploy --config-env NAME`).
  public var deployableEnvironmentNames: [String] {
    environments.filter { $0.commands["deploy"] != nil || $0.commands["global"] != nil }.map(\.name)
  }

  /// Reads `source`, choosing TOML or YAML by the file extension (`.yaml`/`.yml` → YAML).
  public static func load(_ source: SourceText) throws(InputError) -> SamConfig {
    let lower = source.file.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
      return try SamConfigYAMLReader.read(source)
    }
    return try SamConfigTOMLReader.read(source)
  }
}

/// One config env: its command tables of parameters.
public struct SamConfigEnvironment: Sendable {
  public var name: String
  /// Where the env's first table is written.
  public var location: SourceLocation
  /// Command name (`deploy`, `global`, ...) → parameter name → value.
  public var commands: [String: [String: SamConfigValue]]

  public init(name: String, location: SourceLocation, commands: [String: [String: SamConfigValue]]) {
    self.name = name
    self.location = location
    self.commands = commands
  }

  /// The parameters `sam deploy --config-env <name>` reads from the file: `deploy`
  /// parameters over `global` parameters (SAM CLI merges the two; command-line flags,
  /// which the caller applies, win over both).
  public var deployParameters: [String: SamConfigValue] {
    (commands["global"] ?? [:]).merging(commands["deploy"] ?? [:]) { _, deploy in deploy }
  }
}

/// A parameter value of a samconfig file, with where it is written.
public struct SamConfigValue: Hashable, Sendable {
  public enum Value: Hashable, Sendable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case list([String])
  }

  public var value: Value
  /// Where the key is written (TOMLKit gives no positions, so the TOML reader finds the
  /// key's line itself; see `TOMLKeyLocator`).
  public var location: SourceLocation

  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }

  /// The value as text: a string as is, a boolean as `true`/`false`, a list joined by spaces
  /// (how SAM CLI turns a list into its command-line form).
  public var text: String {
    switch value {
    case .string(let text): text
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number): Int(exactly: number).map(String.init) ?? String(number)
    case .list(let items): items.joined(separator: " ")
    }
  }

  /// The value as words: a list's items, or a string split on whitespace (SAM CLI accepts
  /// `capabilities = "CAPABILITY_IAM CAPABILITY_AUTO_EXPAND"` and the list form alike).
  public var words: [String] {
    if case .list(let items) = value { return items }
    return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
  }

  public var bool: Bool? {
    switch value {
    case .bool(let flag): flag
    case .string(let text): ["true": true, "false": false][text.lowercased()]
    default: nil
    }
  }
}

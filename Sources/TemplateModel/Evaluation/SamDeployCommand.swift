import Diagnostics

/// What one `sam deploy` command of the deploy script passes on its command line, with
/// the deploy script's variables resolved for one config env.
///
/// Built from the shell model by `Project`; the template model only needs these facts.
public struct SamDeployCommand: Sendable {
  /// Where `sam deploy` is written.
  public var location: SourceLocation
  /// Flags and their values, keyed by the long flag name (`--stack-name`). A flag given
  /// several values (`--capabilities A B`) has one entry per value.
  public var flags: [String: [Located<ScriptValue>]]
  /// The `--parameter-overrides` pairs, or nil when the flag is absent. A value that is
  /// not known statically is `.symbolic`; a whole argument that cannot be split into
  /// pairs statically makes `unresolvedOverrides` non-empty.
  public var parameterOverrides: [Located<ScriptOverride>]?
  /// `--parameter-overrides` arguments that could not be split statically (for example a
  /// variable holding the whole list).
  public var unresolvedOverrides: [Located<String>]

  public struct ScriptOverride: Hashable, Sendable {
    public var key: String
    public var value: ScriptValue
    public init(key: String, value: ScriptValue) {
      self.key = key
      self.value = value
    }
  }

  public init(location: SourceLocation, flags: [String: [Located<ScriptValue>]], parameterOverrides: [Located<ScriptOverride>]?, unresolvedOverrides: [Located<String>] = []) {
    self.location = location
    self.flags = flags
    self.parameterOverrides = parameterOverrides
    self.unresolvedOverrides = unresolvedOverrides
  }

  /// The first value of `flag`.
  public func value(of flag: String) -> Located<ScriptValue>? { flags[flag]?.first }

  /// The config env this command selects: `--config-env`, else SAM CLI's `default`.
  public var configEnv: ScriptValue { value(of: "--config-env")?.value ?? .literal("default") }
}

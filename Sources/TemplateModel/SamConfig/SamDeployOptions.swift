import Diagnostics

/// The keys `sam deploy` reads from a config env's `[ENV.deploy.parameters]` table: its
/// option names with underscores (`--confirm-changeset` is `confirm_changeset`).
///
/// SAM CLI hands the table to click as the command's defaults, and click drops every key
/// that names no option without a word, so a misspelt key (`confirm_changset = true`)
/// leaves its option at the default. Source: `ALL_OPTIONS` in SAM CLI's
/// `samcli/commands/deploy/core/options.py` and the `sam deploy` reference,
/// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html;
/// `template` is accepted too (the option's other spelling, `--template`).
public enum SamDeployOptions {
  public static let names: Set<String> = [
    "stack_name", "capabilities", "resolve_s3", "guided", "region", "profile",
    "parameter_overrides", "s3_bucket", "s3_prefix", "resolve_image_repos", "image_repository",
    "image_repositories", "role_arn", "kms_key_id", "notification_arns", "tags", "metadata",
    "no_execute_changeset", "fail_on_empty_changeset", "confirm_changeset", "disable_rollback",
    "import_existing_resources", "on_failure", "force_upload", "max_wait_duration",
    "config_env", "config_file", "save_params", "no_progressbar", "signing_profiles",
    "template_file", "template", "use_json", "beta_features", "debug",
  ]

  /// The keys of `table` (a `deploy` parameters table) that name no `sam deploy` option,
  /// in file order, each with the option it most likely meant.
  public static func unknownKeys(in table: [String: SamConfigValue]) -> [UnknownSamConfigKey] {
    table.filter { !names.contains($0.key) }
      .map { UnknownSamConfigKey(key: $0.key, location: $0.value.location, suggestion: NameSuggestion.closest(to: $0.key, among: names.sorted())) }
      .sorted { $0.location < $1.location }
  }
}

/// A key of a samconfig `deploy` table that SAM CLI ignores because it names no option.
public struct UnknownSamConfigKey: Hashable, Sendable {
  public var key: String
  /// Where the key is written.
  public var location: SourceLocation
  /// The option within two edits of `key`, if any (`confirm_changeset` for
  /// `confirm_changset`).
  public var suggestion: String?

  /// "samconfig's confirm_changset is no sam deploy option, so SAM CLI ignores it: did
  /// you mean confirm_changeset?".
  public var message: String {
    "samconfig's \(key) is no sam deploy option, so SAM CLI ignores it\(suggestion.map { ": did you mean \($0)?" } ?? "")"
  }
}

extension RuleExample.Edit {
  /// `.edit(.template, "ScanOnPush: true", "ScanOnPush: false")`.
  public static func edit(_ artifact: Artifact, _ find: String, _ replacement: String) -> RuleExample.Edit {
    RuleExample.Edit(artifact, replacing: find, with: replacement)
  }
}

import Diagnostics

/// What `.vibe-rules.yaml` says about one rule (`rules: {image-size: off, task-egress: warning}`).
public enum RuleSetting: String, Hashable, Sendable, CaseIterable {
  /// The rule does not run; the requirements it decides show `not-applicable` with the reason.
  case off
  /// Every finding of the rule is a warning: the row warns instead of failing.
  case warning
  /// Every finding of the rule is an error: a warning fails the row.
  case error
}

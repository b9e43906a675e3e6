import Diagnostics

/// What a failure at one point of a script does to the script: stop it with a non-zero
/// status, or let it go on.
///
/// Shapes, under `set -e`: `aws ecs wait services-stable ...` → `.stops(at:)` the command;
/// `aws ecs wait ... || true` → `.goesOn(reason: "`|| ...` handles the failure ...", at:)`;
/// `f &` where `f` calls `exit 1` → `.goesOn` (the exit ends only the background job).
public enum FailureOutcome: Sendable, Hashable {
  /// The script stops with a non-zero status; where it stops (the `exit`, or the command
  /// whose failure `set -e` ends the script at).
  case stops(at: SourceLocation)
  /// The script goes on: why, and where the construct that takes the failure is.
  case goesOn(reason: String, at: SourceLocation)
  /// The script's text does not decide it.
  case unknown(String)

  public var stopsScript: Bool { if case .stops = self { true } else { false } }
}

/// Why bash ends the script at `Evaluation.exitLocation`, for the stops that are not an
/// `exit` command or a command failing under `set -e`.
public enum StopCause: Sendable, Hashable {
  /// `set -u`: the expansion of a parameter the script left unset (`$2` past the
  /// arguments, a variable it unset): "NAME: unbound variable".
  case unsetParameter(String)
  /// An assignment to a readonly variable with `set -e` on: "NAME: readonly variable".
  case readonlyAssignment(String)
}

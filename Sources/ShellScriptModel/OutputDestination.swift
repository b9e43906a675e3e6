import Diagnostics

/// Where a command's standard output goes, as far as the script decides it.
///
/// Shapes: `printf '%s\n' "$URL"` → `.terminal`; `... >&2` → `.terminal` (the script's
/// standard error); `... >/dev/null` → `.file("/dev/null", at:)`; inside `$(...)` →
/// `.captured`; `printf ... | tee out` → `.pipe` to the next command.
public enum OutputDestination: Sendable, Hashable {
  /// The script's own standard output or standard error: whoever runs the script sees it.
  case terminal
  /// A file (or a device other than the terminal, such as `/dev/null`): the redirection's
  /// target and where the redirection is written.
  case file(ResolvedWord, at: SourceLocation)
  /// Closed (`>&-`): writing fails.
  case closed(at: SourceLocation)
  /// Read by the script itself: the output of a command or process substitution.
  case captured(at: SourceLocation)
  /// The input of the next command of a pipeline (the command named at the location).
  case pipe(to: SourceLocation)
  /// The redirection's target is only known at run time.
  case unknown(at: SourceLocation)
}

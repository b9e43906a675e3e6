import Diagnostics

/// Whether a failure of the command at this point would end the script under `set -e`.
///
/// Bash Reference Manual, 4.3.1 "The Set Builtin", `-e`: the shell does not exit when the
/// failing command is part of the command list right after `while` or `until`, part of the
/// test in an `if` statement, part of any command in a `&&` or `||` list except the one
/// after the final `&&` or `||`, any command in a pipeline but the last (unless `pipefail`
/// makes the pipeline fail), or when its status is inverted with `!`; and those contexts
/// extend into every command of a compound command or function run in them. 3.5.4
/// "Command Substitution": subshells for command substitution do not inherit `-e` unless
/// `inherit_errexit` (or POSIX mode) is set. Asynchronous commands (`&`) cannot stop the script.
public struct ErrexitStatus: Sendable, Hashable {
  /// The `-e` option as set at this point (and where it was set).
  public var option: OptionState
  /// The enclosing context in which bash ignores `-e`, if any.
  public var ignoredBy: ContextFrame?

  public init(option: OptionState, ignoredBy: ContextFrame?) {
    self.option = option
    self.ignoredBy = ignoredBy
  }

  /// True when `set -e` is on here.
  public var isEnabled: Bool { option.isEnabled }
  /// Where `-e` was last set or unset.
  public var setAt: SourceLocation? { option.setAt }
  /// True when a failure here ends the script.
  public var isEffective: Bool { option.isEnabled && ignoredBy == nil }
}

import Diagnostics

/// A construct of the script that bash has and POSIX sh does not, with what dash (the `sh`
/// of Debian and Ubuntu) does with it. A script whose shebang names `sh` is run by that
/// shell when started as `./deploy.sh`, whatever syntax it is written in.
///
/// Shape: `[[ -n "$X" ]]` on line 4 → `BashOnlySyntax(construct: "`[[ ]]`", underDash:
/// .notFound("[["), location: 4:1)`. The outcomes are dash 0.5.12's (Debian 12), checked
/// by running each construct; see "dash(1)" and POSIX.1-2024, XCU 2 "Shell Command
/// Language" (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html).
public struct BashOnlySyntax: Sendable, Hashable {
  /// What dash does where the construct is.
  public enum Outcome: Sendable, Hashable {
    /// dash stops reading the script: `Syntax error: TEXT` (exit status 2); nil when the
    /// text depends on what follows.
    case syntaxError(String?)
    /// dash stops the script while expanding it: `Bad substitution` (exit status 2).
    case badSubstitution
    /// An error that ends a non-interactive shell: a special built-in's (`set: Illegal
    /// option -o pipefail`) or an arithmetic expansion's (exit status 2).
    case fatalError(String)
    /// A regular built-in's error: the command fails with status 2 (`read: Illegal option
    /// -a`); under `set -e` the script stops there.
    case fails(String)
    /// The command does not exist: `NAME: not found`, status 127 (the script stops there
    /// under `set -e`, else goes on as if the command had failed).
    case notFound(String)
    /// dash reads the text otherwise, without an error: what it does instead.
    case readOtherwise(String)

    /// dash's behaviour, for a message ("stops with `Syntax error: "(" unexpected`").
    public var description: String {
      switch self {
      case .syntaxError(let text?): "stops with `Syntax error: \(text)`"
      case .syntaxError(nil): "stops with a syntax error"
      case .badSubstitution: "stops with `Bad substitution`"
      case .fatalError(let text): "stops with `\(text)`"
      case .fails(let text): "fails with `\(text)` (status 2)"
      case .notFound(let name): "reports `\(name): not found` (status 127)"
      case .readOtherwise(let text): text
      }
    }
  }

  /// The construct as a reader knows it, e.g. "`[[ ]]`", "an array assignment".
  public var construct: String
  public var underDash: Outcome
  public var location: SourceLocation

  public init(construct: String, underDash: Outcome, location: SourceLocation) {
    self.construct = construct
    self.underDash = underDash
    self.location = location
  }

  /// Commands bash has built in and dash does not (dash: `NAME: not found`).
  static let bashOnlyBuiltins: Set<String> = [
    "source", "declare", "typeset", "let", "shopt", "mapfile", "readarray", "pushd", "popd", "dirs", "disown",
    "builtin", "caller", "enable",
  ]

  /// Variables bash sets and dash does not: unset there, they expand to nothing
  /// (`deadline=$((SECONDS + 900))` never comes).
  static let bashOnlyVariables: Set<String> = [
    "SECONDS", "RANDOM", "EPOCHSECONDS", "EPOCHREALTIME", "BASH_SOURCE", "BASH_VERSION", "BASH_REMATCH", "PIPESTATUS",
    "FUNCNAME", "EUID", "UID", "BASHPID", "SRANDOM",
  ]

  /// The `set -o` names dash 0.5.12 takes (dash(1), "set"); bash's others (`pipefail`,
  /// `errtrace`, `posix` ...) end the shell with `set: Illegal option -o NAME`.
  static let dashOptionNames: Set<String> = [
    "allexport", "notify", "noclobber", "errexit", "noglob", "ignoreeof", "interactive", "monitor", "noexec",
    "stdin", "xtrace", "verbose", "vi", "emacs", "nounset", "privileged", "nolog", "debug",
  ]
}

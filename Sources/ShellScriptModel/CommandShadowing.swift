import Diagnostics

/// A construct in a script that can make a command not run as written: the name resolves
/// to something else, or nothing runs. A static reader that sees `sam deploy ...` can
/// only say the SAM CLI runs with those arguments when none of these is in effect there.
///
/// Bash finds a command without a slash as: an alias (when aliases are expanded), then a
/// shell function, then a builtin, then the hash table, then `$PATH`
/// (https://www.gnu.org/software/bash/manual/html_node/Command-Search-and-Execution.html,
/// https://www.gnu.org/software/bash/manual/html_node/Aliases.html). Kinds:
/// - `.function`: `sam() { ...; }` or `function sam { ...; }` — the call runs the body.
/// - `.alias`: `alias sam=true`. Bash expands aliases in a non-interactive shell only with
///   `shopt -s expand_aliases` (Aliases, 6.6), but in POSIX mode always (`sh deploy.sh`
///   when sh is bash, `set -o posix`, `POSIXLY_CORRECT`: "Bash POSIX Mode", 6.11), and
///   the option can come from a sourced file or `BASH_ENV`. An alias of a command is
///   counted whether or not the script sets the option: a script that aliases a deploy
///   command means it to apply, and how the script is started is not in the files.
///   `unalias` does not clear it: aliases are expanded when a line is read, so a function
///   body read while the alias existed keeps it after `unalias`.
/// - `.pathChange`: an assignment to `PATH` (`PATH=...`, `export PATH=...`, `PATH+=x`,
///   `read PATH`, `unset PATH` ...) that is not a pure append, or to `EXECIGNORE` (which
///   hides programs from the PATH search, so a later directory's program may be found). Every command found
///   through `$PATH` may then be another program. Appending (`PATH="$PATH:/x"`,
///   `PATH+=":/x"`) is not counted: a program found in an earlier directory still wins
///   (the search takes the first directory that holds the name), and the deploy relies on
///   the real tools being installed (11.1 checks them). A prefix `PATH=/x cmd` or
///   `env PATH=/x cmd` changes only that command (see `CommandInvocation.shadowing`).
/// - `.noexec`: `set -n` / `set -o noexec`: "Read commands but do not execute them"
///   (https://www.gnu.org/software/bash/manual/html_node/The-Set-Builtin.html); nothing
///   after it runs, not even `set +n`.
/// - `.debugTrap`: `trap ACTION DEBUG`: ACTION runs before every simple command
///   (https://www.gnu.org/software/bash/manual/html_node/Bourne-Shell-Builtins.html,
///   `trap`); with `shopt -s extdebug` a non-zero status from it skips the command
///   (https://www.gnu.org/software/bash/manual/html_node/The-Shopt-Builtin.html,
///   `extdebug`), and without it the action can still `exit` or define a function of the
///   next command's name. The action is not read, so every DEBUG trap counts, with or
///   without `extdebug`. `trap - DEBUG` and `trap '' DEBUG` remove it.
/// - `.sourcedFile`: `source FILE` / `. FILE`: the file (not read) can define any function,
///   alias or PATH. `source` with no operand (an error) and `source /dev/null` change nothing.
/// - `.eval`: `eval WORDS`: the text is run as shell input that the walk does not read.
/// - `.builtinChange`: `enable [-f FILE] [-n] NAME`: loads a builtin NAME from a shared
///   object, which is found before `$PATH`, or disables builtin NAME (the `command` and
///   `exec` wrappers are builtins).
/// - `.hashedPath`: `hash -p FILE NAME`: NAME runs FILE; so does `BASH_CMDS[NAME]=FILE`,
///   which writes the same table (and `BASH_ALIASES[NAME]=TEXT` is an alias).
///   Assignments reach `PATH`, `BASH_CMDS` and `BASH_ALIASES` also through arithmetic
///   (`((PATH=1))`, `let PATH=1`) and name references (`declare -n P=PATH; P=/x`).
/// - `.nameFromEnvironment`: the command's name is a parameter the script never assigns
///   (`"${SAM_BIN:-sam}" deploy`): the walk takes the unset default, but the caller's
///   environment can name any program.
/// - `.computedName`: an assignment whose variable is named only at run time:
///   `declare "$v=/x"`, `export "$v"`, `local`, `readonly`, `typeset`, `printf -v "$v"`,
///   `read "$v"`, `mapfile`, `getopts`, `wait -p`, `unset "$v"`, `declare -n r="$v"`,
///   `${!v:=x}`, or an arithmetic expression too large to read. The variable may be
///   `PATH`, `BASH_CMDS`, `BASH_ALIASES` or `IFS`. (`BASH_CMDS[$k]=/x` is `.hashedPath(nil)`
///   and `BASH_ALIASES[$k]=x` is `.alias(nil)`.) Reading an array subscript or a variable's
///   value as an arithmetic expression can assign too (`a[PATH=1]=x`, `x='PATH=1'; ((x))`):
///   those the walk can read count as the assignment they make.
/// - `.trap(SIGNAL)`: `trap ACTION RETURN`: ACTION runs each time a function or sourced file
///   returns (with `set -T` / `functrace`, or in the function that set it), so it can
///   change PATH or define a function between any two commands; counted like the DEBUG
///   trap, whatever the action. `trap ACTION SIGNAL` for another signal (ERR, INT, USR1 ...;
///   the script can `kill -s USR1 $$` itself) counts when ACTION, read as a script with the
///   functions known at that point, may change command lookup or defines a function, or
///   is not known. EXIT traps run after the last command and are not counted. `trap -`
///   and `trap ''` remove it (https://www.gnu.org/software/bash/manual/html_node/Bourne-Shell-Builtins.html, `trap`).
/// - `.tracePrompt`: an assignment to `PS4` whose value may hold expansions. With
///   `set -x` (or `bash -x deploy.sh`) bash expands PS4 before every command it traces,
///   in the shell itself, so `PS4='$((PATH=0))'` assigns PATH there ("Bash Variables", PS4).
///   `${v@P}` expands v the same way once, and counts as `.computedName` unless v is known
///   to hold no expansion.
/// - `.fieldSplitting`: an assignment to `IFS` that is not its default (space, tab,
///   newline). Bash splits the results of unquoted expansions at IFS characters (3.5.7
///   "Word Splitting"); a command that has an unquoted expansion while IFS may not be the
///   default can get other words than the walk shows. (Loop lists and array literals are
///   split, and `"$*"` joined, with the IFS in effect; values `read` splits are not known
///   to the walk whatever IFS is.)
///   Counted only for such commands, and only while IFS is not known to be back to the
///   default (`IFS=$' \t\n'`, `unset IFS`, a `local IFS` that ended). A prefix
///   `IFS=, read ...` changes only that command, after its words are expanded.
public struct CommandShadowing: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    case function(String)
    /// nil: an alias whose name is not known.
    case alias(String?)
    case pathChange
    case noexec
    case debugTrap
    case sourcedFile(String)
    case eval
    /// nil: names not known.
    case builtinChange(String?)
    /// nil: names not known.
    case hashedPath(String?)
    /// The parameter the command's name is read from.
    case nameFromEnvironment(String)
    case computedName
    case tracePrompt
    /// The signal (`RETURN`, `ERR`, `USR1` ...).
    case trap(String)
    case fieldSplitting
  }

  public var kind: Kind
  /// Where the construct is (the definition, the assignment, the builtin's name).
  public var location: SourceLocation

  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// True for constructs that concern every command, not one name.
  public var concernsEveryCommand: Bool {
    switch kind {
    case .pathChange, .noexec, .debugTrap, .sourcedFile, .eval, .computedName, .trap, .fieldSplitting, .tracePrompt: true
    case .alias(let name), .builtinChange(let name), .hashedPath(let name): name == nil
    case .function, .nameFromEnvironment: false
    }
  }

  /// What the construct is and does, for messages: "function sam (defined at
  /// deploy.sh:3:1) runs instead of the sam command".
  public var description: String {
    switch kind {
    case .function(let name): "function \(name) defined at \(location) runs instead of the \(name) command"
    case .alias(let name?): "alias \(name) defined at \(location) replaces the \(name) command"
    case .alias(nil): "an alias of a name only known at run time, defined at \(location), may replace any command"
    case .pathChange: "PATH is changed at \(location) (not only appended to), so commands may resolve to other programs"
    case .noexec: "set -n (noexec) at \(location) stops bash from executing any later command"
    case .debugTrap: "a DEBUG trap set at \(location) runs before every command and can skip it or exit"
    case .sourcedFile(let file): "`source \(file)` at \(location) runs a file not shown here, which can redefine any command"
    case .eval: "eval at \(location) runs text that is only known at run time, which can redefine any command"
    case .builtinChange(let name?): "enable at \(location) changes the builtin \(name)"
    case .builtinChange(nil): "enable at \(location) changes builtins whose names are only known at run time"
    case .hashedPath(let name?): "hash -p (or BASH_CMDS) at \(location) makes \(name) run another file"
    case .hashedPath(nil): "hash -p (or BASH_CMDS) at \(location) makes commands whose names are only known at run time run another file"
    case .nameFromEnvironment(let name): "the command name at \(location) is read from $\(name), which the script never sets: the caller's environment can name any program"
    case .computedName:
      "a variable whose name is only known at run time is assigned at \(location); it may be PATH, BASH_CMDS, BASH_ALIASES or IFS, so commands may resolve to other programs"
    case .trap("RETURN"): "a RETURN trap set at \(location) runs whenever a function returns and can change PATH or define functions between commands"
    case .trap(let signal): "a \(signal) trap set at \(location) runs an action that may change PATH or define functions when the signal arrives"
    case .fieldSplitting: "IFS is changed at \(location), so unquoted expansions may split into other words than shown"
    case .tracePrompt: "PS4 set at \(location) is expanded before every command when tracing is on (set -x or bash -x), and its expansions can assign PATH"
    }
  }
}

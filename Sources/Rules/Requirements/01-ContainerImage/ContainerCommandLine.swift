import Diagnostics
import DockerfileModel
import ShellScriptModel

/// A container command line (an argv as the runtime executes it) read through the shells
/// it starts, so the program that finally runs and its resolved arguments are known.
///
/// Shape for `["/bin/sh", "-c", "sh -c 'exec streamlit run app.py --server.port=$PORT'"]`
/// with `PORT=8501` in the environment: `programs == ["/bin/sh", "sh", "streamlit"]`
/// (each as written), `names == ["sh", "sh", "streamlit"]` (last path component);
/// `command` is the `streamlit` invocation, whose `--server.port` value resolves to `8501`.
///
/// - A shell (`sh`, `bash`, `dash`, `ash`, `zsh`, `ksh`, `mksh`) given `-c` (alone or in an
///   option cluster such as `-ec`) runs its next operand as a script; the script is read
///   with ShellScriptModel (never run), `$NAME` resolving through `environment` (the
///   image's ENV) and staying symbolic otherwise. Exec-form words are not expanded.
/// - In a script, the command that runs is the first simple command outside command
///   substitutions that is not a shell builtin (`cd`, `export`, `exit`, `test`...);
///   wrappers (`exec`, `env`, `timeout`, `nice`, `nohup`, `sudo`) are looked through.
/// - Nesting is followed at most `maximumDepth` shells deep.
///
/// `unreadable` says why the chain stops early (a script that does not parse, a `-c`
/// operand that is not known statically).
struct ContainerCommandLine {
  /// The programs started, outermost first, as written (`/usr/bin/curl`).
  var programs: [String] = []
  /// The command that finally runs, when it is a simple command read from a script or argv.
  var command: CommandInvocation?
  var unreadable: String?

  static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"]
  static let maximumDepth = 8

  /// Shell builtins that start no program (POSIX special and regular built-ins, and the
  /// common bash ones); a script's first command among them is skipped.
  static let builtins: Set<String> = [
    ":", ".", "source", "break", "continue", "eval", "exit", "export", "readonly", "return", "set", "shift", "trap",
    "unset", "cd", "alias", "unalias", "umask", "wait", "true", "false", "test", "[", "[[", "((", "echo", "printf",
    "read", "getopts", "hash", "type", "ulimit", "local", "declare", "typeset", "let", "shopt", "pwd",
  ]

  /// The file name of each program (`/usr/bin/curl` → `curl`).
  var names: [String] { programs.map(Self.fileName) }

  static func fileName(_ program: String) -> String {
    program.split(separator: "/").last.map(String.init) ?? program
  }

  init(arguments: [String], environment: [String: String], file: String) {
    read(text: arguments.map(Self.quoted).joined(separator: " "), environment: environment, file: file, depth: 0)
  }

  private mutating func read(text: String, environment: [String: String], file: String, depth: Int) {
    let script: ShellScript
    do {
      script = try ShellScript.parse(SourceText(file: file, text: text))
    } catch {
      unreadable = "the command `\(text)` cannot be read as shell: \(error.message)"
      return
    }
    let evaluation = script.evaluate(Environment(arguments: nil, variables: environment, unlistedVariablesAreUnset: false))
    guard let invocation = evaluation.commands.first(where: { invocation in
      invocation.kind == .simple && !invocation.context.isInCommandSubstitution && !Self.builtins.contains(invocation.commandName ?? "")
    }) else {
      return
    }
    guard let program = invocation.resolvedName.literal else {
      unreadable = "the program `\(invocation.resolvedName)` is not known statically"
      return
    }
    programs.append(program)
    command = invocation
    guard Self.shells.contains(Self.fileName(program)), depth < Self.maximumDepth else { return }
    let arguments = invocation.resolvedArguments
    var index = 0
    var runsScript = false
    while index < arguments.count, let option = arguments[index].literal, option.count > 1, option.hasPrefix("-") || option.hasPrefix("+") {
      index += 1
      if option == "--" { break }
      if option.hasPrefix("--") { continue }
      if option == "-o" || option == "+o" { index += 1; continue }
      if option.hasPrefix("-") && option.containsText("c") { runsScript = true }
    }
    guard runsScript else { return }
    guard index < arguments.count, let inner = arguments[index].literal else {
      unreadable = "the script `\(program) -c` runs is not known statically"
      return
    }
    command = nil
    read(text: inner, environment: environment, file: file, depth: depth + 1)
  }

  /// `word` in single quotes, so the shell reads it back unchanged.
  static func quoted(_ word: String) -> String {
    "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }
}

extension ImageFacts {
  /// The image's ENV values that are known statically.
  var knownEnvironment: [String: String] {
    environment.compactMapValues { $0.value.resolvedValue }
  }
}

import Diagnostics
import ShellScriptModel

/// An `echo` or `printf` that writes a value read by a `describe-stacks` call, and where
/// its output goes.
///
/// A value comes from a call when one of its command-output symbols ran that call
/// (`Symbol.commands` holds it): `URL=$(aws cloudformation describe-stacks ...)`, or a
/// function that prints it (`$(stack_output DashboardUrl)`), passed on through variables,
/// `printf -v` and function arguments (`log "URL: $URL"` → `printf '%s' "$*"`).
struct URLPrint {
  var command: CommandInvocation
  var destination: OutputDestination

  /// True when the text reaches the terminal (standard output or error), directly or
  /// through `tee`/`cat` at the end of a pipe.
  var isPrinted: Bool { destination == .terminal }

  /// Where the text goes instead, for messages: "to /dev/null (deploy.sh:373:50)".
  var whereTo: String {
    switch destination {
    case .terminal: "to the terminal"
    case .file(let path, let at): "to \(path.description) (\(at))"
    case .closed(let at): "to a closed descriptor (\(at))"
    case .captured(let at): "into a command substitution (\(at))"
    case .pipe(let at): "into the pipe to \(at)"
    case .unknown(let at): "where only the run decides (\(at))"
    }
  }

  /// The echo/printf commands after `reads` that write a value one of them read, with
  /// where their output goes; writes into a command substitution (a function handing the
  /// value to its caller) are left out.
  static func find(reading reads: [CommandInvocation], in evaluation: Evaluation) -> [URLPrint] {
    guard let first = reads.map(\.order).min() else { return [] }
    let orders = Set(reads.map(\.order))
    var found: [URLPrint] = []
    for command in evaluation.commands where command.order > first && isPrinter(command) {
      let written = command.isCommand("printf") ? Array(command.resolvedArguments.drop { $0.literal?.hasPrefix("-") == true }) : command.resolvedArguments
      guard written.contains(where: { derives($0, from: orders) }) else { continue }
      let destination = follow(evaluation.standardOutput(of: command), in: evaluation, depth: 0)
      if case .captured = destination { continue }
      found.append(URLPrint(command: command, destination: destination))
    }
    return found
  }

  /// `echo` or `printf` without `-v` (which writes into a variable instead).
  static func isPrinter(_ command: CommandInvocation) -> Bool {
    command.isCommand("echo") || (command.isCommand("printf") && !command.hasFlag("-v"))
  }

  /// True when `value` holds the output of a command substitution that ran one of `orders`.
  static func derives(_ value: ResolvedWord, from orders: Set<Int>) -> Bool {
    value.symbols.contains { symbol in
      if let range = symbol.commands, orders.contains(where: range.contains) { return true }
      if case .alternatives(let options) = symbol.kind { return options.contains { derives($0, from: orders) } }
      return false
    }
  }

  /// A pipe into `tee` or `cat` goes where that command's output goes.
  private static func follow(_ destination: OutputDestination, in evaluation: Evaluation, depth: Int) -> OutputDestination {
    guard case .pipe(let to) = destination, depth < 4,
      let reader = evaluation.commands.first(where: { $0.location == to }), reader.isCommand("tee") || reader.isCommand("cat")
    else { return destination }
    return follow(evaluation.standardOutput(of: reader), in: evaluation, depth: depth + 1)
  }
}

import Diagnostics
import Requirements
import ShellScriptModel

extension RuleContext {
  /// When the deploy script's run for this env ends at an `exit` on every path before a
  /// step a rule looks for (`case "$ENV" in prod) echo unsupported; exit 1;; esac`), or a
  /// command that fails under `set -e`, or never leaves a loop (`while true` without
  /// `break`), the finding that says so, at that place; nil when some path runs to the end
  /// of the script. Rules report it instead of "the step is missing": the step is there,
  /// the env never gets to it.
  ///
  /// - Parameter step: what the script does not get to, as a verb phrase ("it runs sam deploy").
  func scriptStop(before step: String, only requirements: [RequirementID]? = nil) -> Finding? {
    guard let run = deployRun, let (at, what, past) = stopDescription(of: run.evaluation) else { return nil }
    var finding = Finding.error(
      "for config env \(environmentName.isEmpty ? run.environment : environmentName), deploy.sh \(what) before \(step); no step after \(past) runs for this env",
      at: at)
    finding.onlyRequirements = requirements
    return finding
  }

  /// Where every path of `evaluation` ended, how, as a verb phrase ("stops at
  /// deploy.sh:61 (`exit 1`)"), and what no step comes after ("that line"); nil when some
  /// path runs to the end of the script.
  private func stopDescription(of evaluation: Evaluation) -> (at: SourceLocation, what: String, past: String)? {
    guard let stop = evaluation.exitLocation else {
      return evaluation.endlessLoopLocation.map { loop in
        (loop, "never leaves the loop at \(loop.file):\(loop.line) (its condition stays true and no path breaks out)", "it")
      }
    }
    let command = evaluation.commands.last { $0.location == stop }
    let how: String
    if let cause = evaluation.stopCause {
      switch cause {
      case .unsetParameter(let name): how = "`$\(name)` is unset, and set -u ends the script"
      case .readonlyAssignment(let name): how = "an assignment to readonly \(name), which ends the script under set -e"
      }
    } else if let command, command.kind == .simple, command.isCommand("exit") {
      let status = command.resolvedArguments.first?.literal.map { " \($0)" } ?? ""
      let said = lastMessage(before: command, in: evaluation).map { " after printing \"\($0)\"" } ?? ""
      how = "`exit\(status)`\(said)"
    } else if let command, let function = command.calledFunction {
      // A call whose every path returns non-zero (falling off the end returns the last
      // command's status: `[ "$ENV" = prod ] && echo ...` outside prod).
      how = "`\(Self.text(of: command))` fails under set -e: \(function) returns non-zero"
    } else if let command {
      // A command that certainly fails under set -e (`false`, `((n++))` with n=0).
      how = "`\(Self.text(of: command))` fails under set -e"
    } else {
      how = "a command that fails under set -e"
    }
    return (stop, "stops at \(stop.file):\(stop.line) (\(how))", "that line")
  }

  /// `command` as written (quotes and escapes kept), at most 80 characters.
  private static func text(of command: CommandInvocation) -> String {
    let words = command.words.map(\.text)
    let text = switch command.kind {
    case .simple: words.joined(separator: " ")
    case .conditional: (words + ["]]"]).joined(separator: " ")
    case .arithmetic: "((" + words.dropFirst().joined(separator: " ") + "))"
    }
    return text.count <= 80 ? text : String(text.prefix(79)) + "…"
  }

  /// The text the last `echo`/`printf` before `exit` printed, when it is known and short.
  private func lastMessage(before exit: CommandInvocation, in evaluation: Evaluation) -> String? {
    let printer = evaluation.commands[..<exit.order].last { $0.isCommand("echo") || ($0.isCommand("printf") && !$0.hasFlag("-v")) }
    guard let printer, exit.order - printer.order <= 3 else { return nil }
    let words = printer.resolvedArguments.filter { !($0.literal?.hasPrefix("-") ?? false) }
    let text = (printer.isCommand("printf") ? words.dropFirst().map(\.description) : words.map(\.description)).joined(separator: " ")
    guard !text.isEmpty, text.count <= 80 else { return nil }
    return text
  }
}

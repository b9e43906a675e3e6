import ShellScriptModel

/// What a deploy-script rule may claim when a command it relies on may not run as
/// written (`CommandInvocation.shadowing`: `sam() { :; }`, `alias docker=true`, `PATH=/x:$PATH`,
/// `arr[PATH=1]=x`, `declare "$v=/x"`, `set -n`, a DEBUG or RETURN trap, `source ./lib.sh`,
/// `eval`, `enable`, `hash -p`, `IFS=,` before an unquoted expansion).
///
/// The script still reads right, so the files cannot show the deployment is wrong, only
/// that they cannot show it is right: a pass becomes needs-evidence that names each
/// construct, where it is, and the command it concerns. A failure the rule found stands
/// (the command as written already lacks what the requirement needs); for the
/// requirements of a multi-requirement rule that the failure does not name, the verdict
/// carries the same reason (`Verdict.undecidedNote`), so they do not pass either.
enum CommandShadowingLimit {
  static func limit(_ verdict: Verdict, relyingOn commands: [CommandInvocation]) -> Verdict {
    guard verdict.status != .notApplicable, verdict.status != .needsEvidence else { return verdict }
    var seen: [CommandShadowing] = []
    var reasons: [String] = []
    for command in commands.sorted(by: { $0.order < $1.order }) {
      for construct in command.shadowing where !seen.contains(construct) {
        seen.append(construct)
        reasons.append("\(construct.description) (it concerns `\(command.commandName ?? command.name.text)` at \(command.location))")
      }
    }
    guard !reasons.isEmpty else { return verdict }
    let note = "the deploy script's commands may not run as written: \(reasons.joined(separator: "; ")); the files cannot show what runs instead"
    if verdict.status == .pass {
      var limited = Verdict.needsEvidence("\(note); this check covers the rest: \(verdict.note)", evidence: verdict.evidence + seen.map(\.location))
      limited.passNote = verdict.passNote
      return limited
    }
    var kept = verdict
    kept.undecidedNote = note
    return kept
  }

  /// `limit(_:relyingOn:)` for a rule that relies on every command of the context's
  /// deploy-script walk named one of `names` (`aws` for the rules that read the stack and
  /// wait for the service, `echo` and `printf` for one that prints a value); the verdict
  /// as it is without a deploy script.
  static func limit(_ verdict: Verdict, relyingOnCommandsNamed names: [String], in context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return verdict }
    return limit(verdict, relyingOn: run.evaluation.commands.filter { command in names.contains { command.isCommand($0) } })
  }

  /// The `git` commands run before `order`: the ones whose output can be the commit SHA
  /// an image tag or ImageTag is built from.
  static func gitCommands(before order: Int, in evaluation: Evaluation) -> [CommandInvocation] {
    evaluation.commands[..<min(order, evaluation.commands.count)].filter { $0.isCommand("git") }
  }
}

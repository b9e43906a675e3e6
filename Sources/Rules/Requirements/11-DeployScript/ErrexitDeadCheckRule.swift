import Diagnostics
import ShellScriptModel

/// 11.6, 11.7: under `set -e`, `VAR=$(cmd)` or any command whose failure ends the script,
/// followed by a `$?` check, never reaches the check: the failure ends the script first. `local|export|declare VAR=$(cmd)`
/// hides the command's status instead (ShellCheck SC2155).
struct ErrexitDeadCheckRule: Rule {
  static let definition = RuleDefinition(
    id: "errexit-dead-status-check",
    requirements: ["11.6", "11.7"],
    title: "No status check made dead by set -e",
    rationale: "With errexit on, a bare assignment whose command substitution fails exits the script at that line; the `rc=$?`/`if [ $? ... ]` written to explain the failure is dead code and the user gets a bare exit. Write `if ! VAR=$(cmd); then ...; fi`.",
    scope: .repository, artifacts: [.deployScript],
    sources: ["https://www.gnu.org/software/bash/manual/html_node/The-Set-Builtin.html", "https://www.shellcheck.net/wiki/SC2155"],
    examples: [
      .compliant(),
      .change("test $? after a command whose output goes to a file", .edit(.deployScript, "if ! ACCOUNT_ID=\"$(aws sts get-caller-identity --query Account --output text)\"; then\n  die \"cannot get the AWS account ID (aws sts get-caller-identity failed); check your AWS credentials\"\nfi", "aws sts get-caller-identity --query Account --output text >/tmp/acct\ntest $? -eq 0 || die \"cannot get the AWS account ID\"\nACCOUNT_ID=\"$(cat /tmp/acct)\"")),
      .change("rc=$? after an assignment", .edit(.deployScript, "if ! ACCOUNT_ID=\"$(aws sts get-caller-identity --query Account --output text)\"; then\n  die \"cannot get the AWS account ID (aws sts get-caller-identity failed); check your AWS credentials\"\nfi", "ACCOUNT_ID=\"$(aws sts get-caller-identity --query Account --output text)\"\nif [ $? -ne 0 ]; then\n  die \"cannot get the AWS account ID\"\nfi")),
    ])

  /// Commands after which a `$?` check is not dead code: they change errexit itself, or
  /// their status is the builtin's (declarations), or they never fail.
  static let cannotFail: Set = ["set", "shopt", "local", "export", "declare", "readonly", "typeset", "true", ":", "trap", "echo", "printf"]

  /// True when `statement` tests `$?` (`[ $? ... ]`, `test $? ...`, `[[ ]]`, `(( ))`, `case $?`,
  /// `if ...`, `rc=$?`), as opposed to merely printing it.
  static func isStatusTest(_ statement: Statement) -> Bool {
    let leading = statement.leadingStatement
    guard case .simple(let command) = leading.kind else { return true }
    if command.isAssignmentOnly { return true }
    return ["test", "["].contains(command.name?.literalValue ?? "")
  }

  /// True when the script's syntax holds what either check reports: a statement that
  /// tests `$?` first thing, or a command with an assignment argument that runs a command
  /// substitution (what a declaration builtin would take). Every statement the walk
  /// records comes from the syntax tree, and a declaration's assignments are its written
  /// arguments, so when this is false the walk finds nothing: the rule then skips it (the
  /// walk evaluates the whole script; this reads the tree once).
  static func mayFindDeadChecks(in script: ShellScript) -> Bool {
    script.allStatements.contains { statement in
      if statement.readsExitStatusImmediately && isStatusTest(statement) { return true }
      guard let command = statement.simpleCommand else { return false }
      return command.words.dropFirst().contains { Assignment(word: $0)?.hasCommandSubstitution ?? false }
    }
  }

  static let passNote = "no $? check follows an assignment that set -e would end"

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let script = context.project.deployScript else { return .absent("no deploy script") }
    guard Self.mayFindDeadChecks(in: script) else { return .pass(Self.passNote) }
    return Verdict(findings: Self.findings(in: script), passNote: Self.passNote)
  }

  /// Both checks over the script walked in source order (one walk serves both; each walk
  /// evaluates the whole script).
  static func findings(in script: ShellScript) -> [Finding] {
    let walk = script.walkInSourceOrder()
    let records = walk.statements
    var findings: [Finding] = []
    for record in records {
      guard record.errexit.isEffective, let next = record.next, next.readsExitStatusImmediately, isStatusTest(next) else { continue }
      let setAt = record.errexit.setAt.map { " (line \($0.line))" } ?? ""
      if record.statement.isAssignmentOnly {
        guard record.statement.assignments.contains(where: { $0.hasCommandSubstitution }) else { continue }
        findings.append(.error("under set -e\(setAt) the assignment on line \(record.location.line) exits the script when its command fails; this $? check and its error branch are unreachable", at: next.location, related: [.init("the assignment that exits first", at: record.location)]))
      } else if let command = record.statement.simpleCommand, let name = command.name?.literalValue, !cannotFail.contains(name) {
        // `cmd >out` then `test $? -eq 0 || die`: a failing command already ended the script.
        findings.append(.error("under set -e\(setAt) the command on line \(record.location.line) (\(name)) exits the script when it fails; this $? check and its error branch are unreachable (write `if ! \(name) ...; then ...; fi`)", at: next.location, related: [.init("the command that exits first", at: record.location)]))
      }
    }
    for command in walk.commands where ["local", "export", "declare", "readonly", "typeset"].contains(command.commandName ?? "") {
      for assignment in command.declarationAssignments where assignment.hasCommandSubstitution {
        findings.append(.warning("`\(command.commandName!) \(assignment.name)=$(...)` takes the status of `\(command.commandName!)`, not of the command: a failure goes unnoticed even under set -e (ShellCheck SC2155); assign on a separate line", at: assignment.location))
      }
    }
    return findings
  }
}

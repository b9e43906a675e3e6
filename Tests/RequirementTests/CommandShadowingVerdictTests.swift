import Diagnostics
import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// Rows 11.1 to 11.7 on copies of this repository whose deploy script still reads right
/// but whose commands may not run as written (a function or alias of a command the rules
/// rely on, a PATH change, `set -n`, a DEBUG trap, a sourced file): needs-evidence that
/// names the construct and where it is, never pass and never fail.
@Suite struct CommandShadowingVerdictTests {
  static let rows: [RequirementID] = ["11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"]

  /// Every env's verdict of requirement `id` over every rule that decides it.
  static func verdicts(_ id: RequirementID, _ edits: [RuleExample.Edit]) throws -> [Verdict] {
    let workspace = try Workspace()
    defer { workspace.remove() }
    for edit in edits { try workspace.apply(edit) }
    let project = try Project.load(ProjectOptions(root: workspace.directory.path))
    return RuleEngine.run(RuleCatalog.all.filter { $0.definition.requirements.contains(id) }, on: project).map { $0.verdict(for: id) }
  }

  static func inserted(_ text: String) -> RuleExample.Edit {
    .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\n" + text)
  }

  /// The construct, the text the note must name, and its location (line 25 is the line
  /// after `set -euo pipefail` in deploy.sh; each row names the functions of the commands
  /// it relies on, defined on lines 25 to 28).
  @Test(arguments: [
    ("sam() { :; }\ndocker() { :; }\naws() { echo token; }\ngit() { echo 1234567; }\n", "runs instead of the", "defined at deploy.sh:2"),
    ("function sam { :; }\nfunction docker { :; }\nfunction aws { :; }\n", "runs instead of the", "defined at deploy.sh:2"),
    ("alias sam=true docker=true aws=true git=true\n", "alias", "deploy.sh:25:1"),
    ("set -n\n", "noexec", "deploy.sh:25:1"),
    ("shopt -s extdebug\ntrap 'return 1' DEBUG\n", "DEBUG trap", "deploy.sh:26:1"),
    ("PATH=\"/tmp/tools:$PATH\"\n", "PATH is changed", "deploy.sh:25:1"),
    ("source ./deploy.env\n", "source ./deploy.env", "deploy.sh:25:1"),
    ("BASH_CMDS[sam]=/bin/true\nBASH_CMDS[docker]=/bin/true\nBASH_CMDS[aws]=/bin/true\nBASH_CMDS[git]=/bin/true\n", "BASH_CMDS", "at deploy.sh:2"),
    ("declare -n P=PATH\nP=/tmp/evil\n", "PATH is changed", "deploy.sh:25:1"),
    ("arr[PATH=1]=x\n", "PATH is changed", "deploy.sh:25:1"),
    ("x='PATH=/tmp/evil'\n((x))\n", "PATH is changed", "deploy.sh:26:1"),
    ("declare \"$v=/tmp/evil\"\n", "only known at run time", "deploy.sh:25:1"),
    ("BASH_CMDS[$k]=/bin/true\n", "BASH_CMDS", "deploy.sh:25:1"),
    ("set -T\ntrap 'PATH=/tmp/evil' RETURN\n", "RETURN trap", "deploy.sh:26:1"),
    ("trap 'PATH=/tmp/evil' ERR\n", "ERR trap", "deploy.sh:25:1"),
  ])
  func rowsNeedEvidence(construct: String, named: String, location: String) throws {
    for id in Self.rows {
      let verdicts = try Self.verdicts(id, [Self.inserted(construct)])
      // The row takes the heaviest verdict of the rules that decide it.
      #expect(verdicts.map(\.status).max() == .needsEvidence, "\(id): \(verdicts.map { "\($0.status): \($0.note) \($0.findings.map(\.message))" })")
      #expect(verdicts.contains { $0.status == .needsEvidence && $0.note.contains(named) && $0.note.contains(location) }, "\(id): \(verdicts.map(\.note))")
    }
  }

  /// Helpers with other names, a PATH that is only appended to, and a command-prefix PATH
  /// on an unrelated command leave the rows passing, as on the unchanged repository.
  @Test(arguments: [
    "",
    "log_step() { printf '%s\\n' \"$*\"; }\ndeploy_stack() { log \"$@\"; }\n",
    "export PATH=\"$PATH:/opt/tools/bin\"\nPATH+=\":$HOME/.local/bin\"\n",
    "PATH=/tmp/x true\nalias ll='ls -l'\ntrap 'echo failed' ERR\nsource /dev/null\n",
    "arr[0]=x\ndeclare -A m\nm[\"k\"]=v\nx=5\n((x > 1))\nIFS=$'\\n\\t'\nexport \"PATH=$PATH:/opt/bin\"\n",
  ])
  func rowsStillPass(construct: String) throws {
    for id in Self.rows {
      let verdicts = try Self.verdicts(id, [Self.inserted(construct)])
      #expect(Set(verdicts.map(\.status)) == [.pass], "\(id): \(verdicts.map { "\($0.status): \($0.note)" })")
    }
  }

  /// With IFS changed, a command the rules rely on that has an unquoted expansion may get
  /// other words (`--region $REGION` split at `,`); with every expansion quoted, or IFS
  /// left alone, it runs as shown.
  @Test func aChangedIFSConcernsUnquotedExpansions() throws {
    let unquoted = RuleExample.Edit.edit(.deployScript, "    --region \"$REGION\" \\\n    --parameter-overrides", "    --region $REGION \\\n    --parameter-overrides")
    let changed = try Self.verdicts("11.5", [Self.inserted("IFS=,\n"), unquoted])
    #expect(changed.map(\.status).max() == .needsEvidence, "\(changed.map { "\($0.status): \($0.note)" })")
    #expect(changed.contains { $0.note.contains("IFS is changed at deploy.sh:25:1") })
    #expect(Set(try Self.verdicts("11.5", [unquoted]).map(\.status)) == [.pass])
    #expect(Set(try Self.verdicts("11.5", [Self.inserted("IFS=,\n")]).map(\.status)) == [.pass])
  }

  /// A rule that fails one of its requirements keeps the failure; the other one (11.2
  /// beside a missing `latest` tag, 11.3) becomes needs-evidence, not pass.
  @Test func aPartialFailureLeavesTheOtherRequirementUndecided() throws {
    let edits: [RuleExample.Edit] = [Self.inserted("docker() { command docker \"$@\"; }\n"), .edit(.deployScript, "  -t \"${REPOSITORY_URI}:latest\" \\\n", "")]
    let latest = try Self.verdicts("11.3", edits)
    #expect(latest.map(\.status).max() == .fail, "\(latest.map { "\($0.status): \($0.note) \($0.findings.map(\.message))" })")
    let sha = try Self.verdicts("11.2", edits)
    #expect(sha.map(\.status).max() == .needsEvidence, "\(sha.map { "\($0.status): \($0.note)" })")
    #expect(sha.contains { $0.status == .needsEvidence && $0.note.contains("function docker defined at deploy.sh:25:1") })
  }
}

import Diagnostics

/// 2.3 and 11.1-11.7: the deploy script can run at all. Bash reads a carriage return as part of
/// each line (`$'\r': command not found`, `set: pipefail\r: invalid option name`), so a
/// script saved with CRLF line endings fails on its first line whatever it says.
struct DeployScriptLineEndingsRule: Rule {
  static let definition = RuleDefinition(
    id: "deploy-script-line-endings",
    requirements: ["2.3", "11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"],
    title: "Deploy script has Unix line endings",
    rationale: "bash does not strip CR: a deploy script checked out or saved with CRLF line endings fails at its first command, so none of what it says happens. vibe-rules reads CRLF files as text (so the other rules still see the commands); this rule says the script cannot run.",
    scope: .repository, artifacts: [.deployScript],
    sources: ["https://www.gnu.org/software/bash/manual/html_node/Definitions.html", "https://git-scm.com/docs/gitattributes#_eol"],
    examples: [
      .compliant(),
      .change("saved with CRLF line endings", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\r\n")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let source = context.project.deployScriptSource else { return .absent("no deploy script") }
    var line = 1
    var column = 1
    for scalar in source.text.unicodeScalars {
      if scalar == "\r" {
        return .fail(.error("the deploy script has a carriage return (CRLF line ending) on line \(line); bash reads it as part of the command and the script fails (`$'\\r': command not found`); convert it to LF line endings", at: SourceLocation(file: source.file, line: line, column: column)))
      }
      if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    return .pass("LF line endings")
  }
}

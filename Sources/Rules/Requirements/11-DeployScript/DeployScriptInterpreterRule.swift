import ShellScriptModel

/// 2.3 and 11.1-11.7 (the pushes and every step of the script): the deploy script runs
/// under the shell it is written for. vibe-rules reads the script as bash; a script whose
/// `#!` line names `sh` is run by sh when started as `./deploy.sh`, and dash (sh on Debian and Ubuntu, and so on most CI runners) stops at
/// bash's syntax (`Syntax error: "(" unexpected`, `Bad substitution`, `set: Illegal option
/// -o pipefail`) or reads it otherwise: what the other 11.x rules find in it is not what
/// runs.
struct DeployScriptInterpreterRule: Rule {
  static let definition = RuleDefinition(
    id: "deploy-script-interpreter",
    requirements: ["2.3", "11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7"],
    title: "Deploy script's #! line names the shell its syntax needs",
    rationale: "The kernel runs `./deploy.sh` with the interpreter its `#!` line names. `#!/bin/sh` is dash on Debian and Ubuntu, which has no `[[ ]]`, arrays, `${x:0:7}` or `pipefail`: the script stops where it first uses one, or (`&>`, `[ a == b ]`) does something else. vibe-rules reads the script as bash, so its other 2.3 and 11.x verdicts hold only under bash.",
    scope: .repository, artifacts: [.deployScript],
    sources: ["https://man7.org/linux/man-pages/man2/execve.2.html", "https://wiki.ubuntu.com/DashAsBinSh", "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html"],
    examples: [
      .compliant(),
      .change("a bash script started with #!/bin/sh", .edit(.deployScript, "#!/usr/bin/env bash\n", "#!/bin/sh\n")),
      .change("a script with no #! line (sh runs it when zsh or dash starts it)", .edit(.deployScript, "#!/usr/bin/env bash\n", "# deploy\n"), expect: .needsEvidence),
      .change("a byte-order mark before the #! line (the kernel does not read it)", .edit(.deployScript, "#!/usr/bin/env bash\n", "\u{FEFF}#!/usr/bin/env bash\n"), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let script = context.project.deployScript else { return .absent("no deploy script") }
    // Scanned only where it decides (3 M instructions on this repository's script).
    // A byte-order mark before `#!` hides the line from the kernel (execve fails with
    // ENOEXEC, and the shell that started the script runs it as it sees fit).
    let hidden = context.project.deployScriptSource?.startsWithByteOrderMark == true && script.shebang != nil
    guard let shebang = script.shebang, !hidden else {
      let line = hidden ? "a byte-order mark before its #! line, which the kernel then does not read" : "no #! line"
      guard let first = script.bashOnlySyntax.first else { return .pass("\(line), and no bash-only syntax: any POSIX shell runs it") }
      return .needsEvidence(
        "the deploy script has \(line): bash runs it as bash when bash starts it, but zsh and dash run it with sh, where \(first.construct) (line \(first.location.line)) \(first.underDash.description); start it with `#!/usr/bin/env bash`\(hidden ? " and save it without the mark" : ""), or show how it is run",
        evidence: [first.location])
    }
    if shebang.isBash { return .pass("runs with bash (`#!\(shebang.line)`)") }
    guard shebang.isPOSIXShell else {
      return .needsEvidence(
        "`#!\(shebang.line)` runs the deploy script with \(shebang.program.isEmpty ? shebang.interpreter : shebang.program), and vibe-rules reads it as bash: its 2.3 and 11.x verdicts hold only if that shell reads the script as bash does",
        evidence: [shebang.location])
    }
    let constructs = script.bashOnlySyntax
    guard !constructs.isEmpty else { return .pass("`#!\(shebang.line)`, and no bash-only syntax") }
    // One finding per construct, at its first use (where dash stops or goes astray first),
    // naming the lines of the others.
    var order: [String] = []
    var uses: [String: [BashOnlySyntax]] = [:]
    for construct in constructs {
      if uses[construct.construct] == nil { order.append(construct.construct) }
      uses[construct.construct, default: []].append(construct)
    }
    let findings = order.map { name in
      let all = uses[name]!
      let others = all.dropFirst().map(\.location.line)
      let lines = others.prefix(8).map(String.init).joined(separator: ", ") + (others.count > 8 ? " and \(others.count - 8) more" : "")
      let also = others.isEmpty ? "" : " (also on line\(others.count == 1 ? "" : "s") \(lines))"
      return Finding.error(
        "`#!\(shebang.line)` runs the script with sh, and \(name) is bash's: dash (sh on Debian and Ubuntu) \(all[0].underDash.description)\(also); start the script with `#!/usr/bin/env bash`",
        at: all[0].location)
    }
    return Verdict(findings: findings, passNote: "")
  }
}

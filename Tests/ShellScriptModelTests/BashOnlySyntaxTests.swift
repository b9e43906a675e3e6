import Diagnostics
import Foundation
import Testing
@testable import ShellScriptModel

/// Bash's constructs in a script, with what dash does with each: every outcome is checked
/// against dash itself where this machine has it (Debian's `/bin/sh`).
@Suite struct BashOnlySyntaxTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var script: String
    var construct: String
    /// What dash writes to standard error for the script, or nil when it writes nothing.
    var dashSays: String?
    var testDescription: String { script }
  }

  static let cases: [Case] = [
    Case(script: "[[ -n \"$X\" ]] && echo y", construct: "`[[ ]]`", dashSays: "[[: not found"),
    Case(script: "a=(1 2)", construct: "an array assignment", dashSays: "Syntax error: \"(\" unexpected"),
    Case(script: "x=abc; echo \"${x:0:1}\"", construct: "the substring expansion `${name:offset:length}`", dashSays: "Bad substitution"),
    Case(script: "set -euo pipefail", construct: "`set -o pipefail`", dashSays: "set: Illegal option -o pipefail"),
    Case(script: "set -e -o pipefail", construct: "`set -o pipefail`", dashSays: "set: Illegal option -o pipefail"),
    Case(script: "cat <<< hi", construct: "the here-string `<<<`", dashSays: "Syntax error: redirection unexpected"),
    Case(script: "function f { echo; }", construct: "the `function` keyword", dashSays: "Syntax error: \"}\" unexpected"),
    Case(script: "cat <(echo a)", construct: "process substitution `<( )`", dashSays: "Syntax error: \"(\" unexpected"),
    Case(script: "for ((i=0;i<1;i++)); do :; done", construct: "the arithmetic `for (( ))` loop", dashSays: "Syntax error: Bad for loop variable"),
    Case(script: "select x in a; do break; done", construct: "`select`", dashSays: "Syntax error: \"do\" unexpected"),
    Case(script: "source /dev/null", construct: "`source`", dashSays: "source: not found"),
    Case(script: "declare -r X=1", construct: "`declare`", dashSays: "declare: not found"),
    Case(script: "x=1; x+=2", construct: "the `+=` assignment", dashSays: "x+=2: not found"),
    Case(script: "y=x; echo \"${!y}\"", construct: "the indirect expansion `${!name}`", dashSays: "Bad substitution"),
    Case(script: "x=a; echo \"${x^^}\"", construct: "a case-changing expansion (`${name^^}`, `${name,,}`)", dashSays: "Bad substitution"),
    Case(script: "x=a; echo ${x/a/b}", construct: "the replacement expansion `${name/pattern/string}`", dashSays: "Bad substitution"),
    Case(script: "echo \"${a[0]}\"", construct: "an array subscript `${name[...]}`", dashSays: "Bad substitution"),
    Case(script: "(( 1 + 1 ))", construct: "the arithmetic command `(( ))`", dashSays: "1: not found"),
    Case(script: "[ a == a ]", construct: "`==` in `[`", dashSays: "unexpected operator"),
    Case(script: "echo hi &> /dev/null", construct: "`&>`", dashSays: nil),
    Case(script: "echo hi &>> /dev/null", construct: "`&>>`", dashSays: nil),
    Case(script: "function f() { :; }", construct: "the `function` keyword", dashSays: "Syntax error: \"(\" unexpected"),
    Case(script: "f() { local a=(1 2); }", construct: "an array assignment", dashSays: "Syntax error: \"(\" unexpected"),
    Case(script: "export A=(a b)", construct: "an array assignment", dashSays: "Syntax error: \"(\" unexpected"),
    Case(script: "echo x |& cat", construct: "the pipe `|&`", dashSays: "Syntax error: \"&\" unexpected"),
    Case(script: "echo x >& out.txt", construct: "`>& FILE`", dashSays: "Syntax error: Bad fd number"),
    Case(script: "case a in a) echo 1 ;& b) echo 2 ;; esac", construct: "the case terminator `;&`", dashSays: "Syntax error"),
    Case(script: "case a in a) echo 1 ;;& b) echo 2 ;; esac", construct: "the case terminator `;;&`", dashSays: "Syntax error"),
    Case(script: "coproc { cat; }", construct: "`coproc`", dashSays: "Syntax error: \"}\" unexpected"),
    Case(script: "coproc cat", construct: "`coproc`", dashSays: "coproc: not found"),
    Case(script: "echo x >(cat)", construct: "process substitution `>( )`", dashSays: "Syntax error: \"(\" unexpected"),
    Case(script: "x=1; echo $((x++))", construct: "`++` in `$(( ))`", dashSays: "arithmetic expression: expecting primary"),
    Case(script: "echo $((2**3))", construct: "`**` in `$(( ))`", dashSays: "arithmetic expression: expecting primary"),
    Case(script: "echo $((16#ff))", construct: "a base (`16#ff`) in `$(( ))`", dashSays: "arithmetic expression: expecting EOF"),
    Case(script: "echo $(( y[0] + 1 ))", construct: "an array element in `$(( ))`", dashSays: "arithmetic expression: expecting EOF"),
    Case(script: "IFS=$'\\n'", construct: "`$'...'` quoting", dashSays: nil),
    Case(script: "for i in {1..3}; do echo $i; done", construct: "brace expansion `{a,b}`", dashSays: nil),
    Case(script: "mkdir -p a/{b,c}", construct: "brace expansion `{a,b}`", dashSays: nil),
    Case(script: "x=$(< /etc/hostname)", construct: "`$(< FILE)`", dashSays: nil),
    Case(script: "trap 'echo e' ERR", construct: "`trap ... ERR`", dashSays: "trap: ERR: bad trap"),
    Case(script: "f() { local -r x=1; }; f", construct: "`local -r`", dashSays: "local: -r: bad variable name"),
    Case(script: "export -f f", construct: "`export -f`", dashSays: "export: Illegal option -f"),
    Case(script: "set -o errtrace", construct: "`set -o errtrace`", dashSays: "set: Illegal option -o errtrace"),
    Case(script: "read -a x < /dev/null", construct: "`read -a`", dashSays: "read: Illegal option -a"),
    Case(script: "printf -v x %s a", construct: "`printf -v`", dashSays: "printf: Illegal option -v"),
    Case(script: "wait -n", construct: "`wait -n`", dashSays: "wait: Illegal option -n"),
    Case(script: "[ -v HOME ]", construct: "`[ -v`", dashSays: "[: -v: unexpected operator"),
    Case(script: "set -- a b; echo ${!#}", construct: "`${!#}`", dashSays: nil),
    Case(script: "read -r -a arr < /dev/null", construct: "`read -a`", dashSays: "read: Illegal option -a"),
    Case(script: "deadline=$((SECONDS + 900))", construct: "`SECONDS` in `$(( ))`", dashSays: nil),
    Case(script: "echo \"$RANDOM\"", construct: "`$RANDOM`", dashSays: nil),
    Case(script: "exec {fd}>/dev/null", construct: "a descriptor variable `{fd}>`", dashSays: "exec: {fd}: not found"),
    Case(script: "builtin echo x", construct: "`builtin`", dashSays: "builtin: not found"),
    Case(script: "(set -e) && set -o pipefail", construct: "`set -o pipefail`", dashSays: "set: Illegal option -o pipefail"),
    Case(script: "f() { echo \"$(echo \"${x:1}\")\"; }", construct: "the substring expansion `${name:offset:length}`", dashSays: nil),
  ]

  static func constructs(_ text: String) throws -> [BashOnlySyntax] {
    try ShellScript.parse(SourceText(file: "deploy.sh", text: text + "\n")).bashOnlySyntax
  }

  @Test(arguments: cases)
  func eachConstructIsFound(_ item: Case) throws {
    #expect(try Self.constructs(item.script).map(\.construct) == [item.construct])
  }

  static let dash = "/bin/dash"

  /// `script` run by `dash -c` in a scratch folder: its output, its error output, its status.
  static func runDash(_ script: String) throws -> (output: String, errors: String, status: Int32) {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-dash-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: dash)
    process.arguments = ["-c", script]
    process.currentDirectoryURL = scratch
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // The outputs are a few lines: neither pipe fills while the other is read.
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (out, err, process.terminationStatus)
  }

  /// What the outcome says dash writes, dash writes (dash 0.5.12 here).
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dash)), arguments: cases.filter { $0.dashSays != nil })
  func dashSaysWhatTheOutcomeSays(_ item: Case) throws {
    let run = try Self.runDash(item.script)
    let text = run.errors
    #expect(text.contains(item.dashSays!), "dash wrote: \(text)")
    let outcome = try #require(Self.constructs(item.script).first).underDash
    switch outcome {
    case .syntaxError(let said?): #expect(text.contains("Syntax error: \(said)"))
    case .syntaxError(nil): #expect(text.contains("Syntax error"))
    case .fatalError(let said), .fails(let said): #expect(text.contains(said))
    case .badSubstitution: #expect(text.contains("Bad substitution"))
    case .notFound(let name): #expect(text.contains("\(name): not found") || name.hasSuffix("..."))
    case .readOtherwise: #expect(run.status != 0)
    }
  }

  /// `&>` is no error under dash: it backgrounds the command, so a check of its status passes.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dash)))
  func ampersandRedirectionBackgroundsTheCommandUnderDash() throws {
    let run = try Self.runDash("false &> /dev/null || echo failed")
    #expect(run.output.isEmpty)
    #expect(run.status == 0)
  }

  @Test func aPOSIXScriptHasNone() throws {
    let script = """
      #!/bin/sh
      set -eu
      ENV="${1:-dev}"
      TAG=$(git rev-parse --short HEAD)
      NAME=${ENV#d}
      f() { local a; a=$((1 + 2)); echo "${#a}"; }
      if [ "$ENV" = dev ] && test -n "$TAG"; then f; fi
      case $ENV in dev|prod) ;; *) exit 2 ;; esac
      while read -r line; do echo "$line"; done <<EOF
      x
      EOF
      echo "done" >/dev/null 2>&1
      """
    #expect(try Self.constructs(script).isEmpty)
  }

  /// POSIX uses of words bash's constructs are made of (adversarial findings: a quoted
  /// `==` operand, `set --`, a `set -o pipefail` tried in a subshell first).
  @Test(arguments: [
    "[ \"$x\" = \"==\" ]", "[ \"==\" = \"==\" ]", "test a != ==", "set -- -o pipefail", "set -e -- -o pipefail",
    "(set -o pipefail) 2>/dev/null && set -o pipefail",
    "if (set -o pipefail) 2>/dev/null; then set -o pipefail; fi",
    "(set -o pipefail; echo)",
    "echo x >&2; exec 3>&-; echo y 2>&1", "export -p", "readonly -p", "read -r x < /dev/null", "read -rp 'name? ' x < /dev/null",
    "echo \"{a,b}\" '{1..3}'", "find . -name x -exec echo {} +", "echo {x} {} {..}", "echo $((x - -1)) $((x+=1)) $((-x))",
    "x=$(cat /etc/hostname)", "trap 'echo' EXIT INT", "set -o errexit -o nounset -o noglob",
    // Round 2: `local -`, expansions and unary operators inside `$(( ))`, braces where
    // bash does not expand them either, a printf format starting with `-`.
    "f() { local -; set -x; }", "n=$(( $(git rev-list --count HEAD) + 1 ))", "n=$(( ${x:--1} + 1 ))",
    "echo $((1--1)) $((1++1)) $((++i)) $((--i))", "n=$(( ${v#v[0-9]} ))", "cat <<EOF\n{a,b}\nEOF", "x={a,b}; y={a,b} true",
    "case $x in {a,b}) ;; esac", "printf -- '-%s\\n' a",
  ])
  func posixFormsAreNotBashOnly(_ script: String) throws {
    #expect(try Self.constructs(script).isEmpty)
  }

  /// Each POSIX form runs under dash without an error.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dash)))
  func posixFormsRunUnderDash() throws {
    for script in ["[ \"$x\" = \"==\" ]; true", "set -- -o pipefail", "(set -o pipefail) 2>/dev/null && set -o pipefail; true", "echo $((x - -1)) $((x+=1))", "set -o errexit -o nounset -o noglob"] {
      let output = try Self.runDash(script + "\necho reached").output
      #expect(output.hasSuffix("reached\n"), "\(script): \(output)")
    }
  }

  @Test func constructsAreLocatedInSourceOrder() throws {
    let found = try Self.constructs("#!/bin/sh\nset -euo pipefail\nif [[ $1 == x ]]; then\n  a=(1)\nfi\n")
    #expect(found.map(\.construct) == ["`set -o pipefail`", "`[[ ]]`", "an array assignment"])
    #expect(found.map(\.location.line) == [2, 3, 4])
    #expect(found.map(\.location.column) == [1, 4, 3])
  }

  @Test(arguments: [
    ("#!/bin/sh", true), ("#!/usr/bin/env sh", true), ("#!/bin/dash -e", true), ("#!/bin/bash", false), ("#!/usr/bin/env bash", false),
    ("#!/bin/zsh", false),
  ])
  func posixShellsAreNamedByTheShebang(_ line: String, _ posix: Bool) throws {
    let script = try ShellScript.parse(SourceText(file: "deploy.sh", text: line + "\necho\n"))
    #expect(script.shebang?.isPOSIXShell == posix)
  }
}

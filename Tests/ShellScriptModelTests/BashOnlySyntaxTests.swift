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

  /// What the outcome says dash writes, dash writes (dash 0.5.12 here).
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dash)), arguments: cases.filter { $0.dashSays != nil })
  func dashSaysWhatTheOutcomeSays(_ item: Case) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.dash)
    process.arguments = ["-c", item.script]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text.contains(item.dashSays!), "dash wrote: \(text)")
    let outcome = try #require(Self.constructs(item.script).first).underDash
    switch outcome {
    case .syntaxError(let said), .fatalError(let said): #expect(text.contains(said))
    case .badSubstitution: #expect(text.contains("Bad substitution"))
    case .notFound(let name): #expect(text.contains("\(name): not found") || name.hasSuffix("..."))
    case .readOtherwise: #expect(process.terminationStatus != 0)
    }
  }

  /// `&>` is no error under dash: it backgrounds the command, so a check of its status passes.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dash)))
  func ampersandRedirectionBackgroundsTheCommandUnderDash() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.dash)
    process.arguments = ["-c", "false &> /dev/null || echo failed"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text.isEmpty)
    #expect(process.terminationStatus == 0)
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

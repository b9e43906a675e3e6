import Diagnostics
import Foundation
import ShellScriptModel
import Testing
@testable import Rules

/// `ErrexitDeadCheckRule` skips its source-order walk when the script's syntax holds
/// nothing either check reports. The skip must never hide a finding: wherever the walk
/// finds one, the syntax check says the walk is needed.
@Suite struct ErrexitDeadCheckShortcutTests {
  /// Scripts with each shape the rule reports, and near misses.
  static let inline: [String] = [
    "set -e\nACCOUNT=$(aws sts get-caller-identity)\nif [ $? -ne 0 ]; then exit 1; fi\n",
    "set -e\naws s3 ls >/tmp/out\ntest $? -eq 0 || exit 1\n",
    "set -e\nf() {\n  local v=$(date)\n  echo \"$v\"\n}\nf\n",
    "set -e\nbuiltin export v=\"$(date)\"\n",
    "set -e\ndecl=local\nf() { $decl v=$(date); }\nf\n",
    "set -e\nx=$(true) && rc=$?\n",
    "set -e\nfor i in 1 2; do v=$(date); case $? in 0) ;; esac; done\n",
    "set -e\necho \"$(date)\" | { read -r line; rc=$?; }\n",
    "set -e\ntrap 'echo \"failed: $?\"' ERR\nlocal_deadline=$((SECONDS + 10))\n",
    "set -e\nlocal n=$((1 + 2))\necho done\n",
    "#!/bin/bash\necho hello\n",
  ]

  /// Every deploy script this package and ../shared/cases hold: the repository's, the
  /// rules' edited examples, and each case's broken and fixed scripts.
  static func corpus() throws -> [(String, String)] {
    var scripts = inline.enumerated().map { ("inline \($0.offset)", $0.element) }
    let repository = Workspace.repositoryRoot.appendingPathComponent("deploy.sh")
    let original = try String(contentsOf: repository, encoding: .utf8)
    scripts.append(("deploy.sh", original))
    for rule in RuleCatalog.all {
      for example in rule.definition.examples {
        var edited = original
        for edit in example.edits where edit.artifact == .deployScript && edited.contains(edit.find) {
          edited = edited.replacingOccurrences(of: edit.find, with: edit.replacement)
        }
        if edited != original { scripts.append(("\(rule.definition.id): \(example.summary)", edited)) }
      }
    }
    let cases = Workspace.sharedRoot.appendingPathComponent("cases")
    if let files = FileManager.default.enumerator(at: cases, includingPropertiesForKeys: nil) {
      for case let file as URL in files where file.pathExtension == "sh" {
        scripts.append((file.path, try String(contentsOf: file, encoding: .utf8)))
      }
    }
    return scripts
  }

  @Test func theSkipNeverHidesAFinding() throws {
    var walked = 0, skipped = 0
    for (name, text) in try Self.corpus() {
      guard let script = try? ShellScript.parse(SourceText(file: "deploy.sh", text: text)) else { continue }
      let findings = ErrexitDeadCheckRule.findings(in: script)
      if ErrexitDeadCheckRule.mayFindDeadChecks(in: script) {
        walked += 1
      } else {
        skipped += 1
        #expect(findings.isEmpty, "\(name): skipped, but the walk finds \(findings.map(\.message))")
      }
    }
    #expect(walked >= 8, "scripts the rule walks: \(walked)")
    #expect(skipped >= 3, "scripts the rule skips: \(skipped)")
  }

  @Test func eachReportedShapeIsWalked() throws {
    for text in Self.inline.prefix(8) {
      let script = try ShellScript.parse(SourceText(file: "deploy.sh", text: text))
      #expect(ErrexitDeadCheckRule.mayFindDeadChecks(in: script), "\(text)")
    }
  }

  @Test func theRepositoryScriptIsSkippedAndPasses() throws {
    let text = try String(contentsOf: Workspace.repositoryRoot.appendingPathComponent("deploy.sh"), encoding: .utf8)
    let script = try ShellScript.parse(SourceText(file: "deploy.sh", text: text))
    #expect(!ErrexitDeadCheckRule.mayFindDeadChecks(in: script))
    #expect(ErrexitDeadCheckRule.findings(in: script).isEmpty)
  }
}

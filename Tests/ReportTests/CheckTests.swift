import Foundation
import Testing
@testable import Rules

/// `check`'s selection: findings in the changed files, and the cross-file findings that
/// point at them, on a real broken copy of this repository's files.
@Suite struct CheckTests {

  @Test func changedFilesSelectTheirFindings() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let all = matrix.reportedFindings
    #expect(Set(all.map(\.finding.ruleID)).isSuperset(of: ["task-ingress-from-alb", "image-port", "log-retention", "healthcheck-program-in-image"]))

    let dockerfile = all.filter { $0.touches(["docker/Dockerfile"]) }
    let dockerRules = Set(dockerfile.map(\.finding.ruleID))
    #expect(dockerRules.contains("image-port"))
    #expect(!dockerRules.contains("task-ingress-from-alb"))
    // Located in the template, related to the Dockerfile's base image: selected by either file.
    let crossFile = try #require(dockerfile.first { $0.finding.ruleID == "healthcheck-program-in-image" })
    #expect(crossFile.finding.location.file == "infra/template.yaml")
    #expect(crossFile.finding.related.contains { $0.location.file == "docker/Dockerfile" })

    let template = all.filter { $0.touches(["infra/template.yaml"]) }
    #expect(Set(template.map(\.finding.ruleID)).isSuperset(of: ["task-ingress-from-alb", "log-retention", "healthcheck-program-in-image"]))
    #expect(!template.contains { $0.finding.ruleID == "image-port" })
    #expect(all.filter { $0.touches(["deploy.sh"]) }.isEmpty)

    let pattern = #/^(?<file>[^:]+):(?<line>\d+):(?<column>\d+): (error|warning): \[(?<rule>[a-z0-9-]+)\] .+ \(requirements? \d+\.\d+.*\)$/#
    for entry in all {
      let text = entry.line(allEnvironments: matrix.environments)
      #expect(!text.contains("\n"))
      let match = try #require(text.wholeMatch(of: pattern), "\(text)")
      #expect(String(match.file) == entry.finding.location.file)
      #expect(String(match.rule) == entry.finding.ruleID)
    }
  }

  @Test func aFindingInEveryEnvIsReportedOnce() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let ssh = matrix.reportedFindings.filter { $0.finding.ruleID == "task-ingress-from-alb" }
    #expect(ssh.count == 1)
    #expect(!(ssh.first?.line(allEnvironments: matrix.environments).contains("env ") ?? true))
  }

  /// A changed requirement catalogue or configuration concerns every finding.
  @Test func aChangedCatalogueOrConfigurationSelectsEveryFinding() {
    let deciding = ["/w/REQUIREMENTS.md", "/w/.vibe-rules.yaml"]
    #expect(ChangedFiles.selection(["REQUIREMENTS.md"], root: "/w", deciding: deciding, currentDirectory: "/w") == nil)
    #expect(ChangedFiles.selection(["deploy.sh", "./.vibe-rules.yaml"], root: "/w", deciding: deciding, currentDirectory: "/w") == nil)
    #expect(ChangedFiles.selection(["deploy.sh"], root: "/w", deciding: deciding, currentDirectory: "/w") == ["deploy.sh"])
  }

  @Test func changedPathsAreMadeRelativeToTheRoot() {
    let normalized = ChangedFiles.normalize(["./infra/template.yaml", "/work/x/docker/Dockerfile", "deploy.sh", "/elsewhere/f"], root: "/work/x", currentDirectory: "/work/x")
    #expect(normalized == ["infra/template.yaml", "docker/Dockerfile", "deploy.sh", "/elsewhere/f"])
    #expect(ChangedFiles.normalize(["repo/infra/template.yaml"], root: "repo", currentDirectory: "/home/u") == ["infra/template.yaml"])
  }

  /// The command itself, when SwiftPM built it beside the tests: on this repository's
  /// files, one line per finding and the matrix's verdict as exit status; on a broken copy
  /// exit 1 with finding lines, and only the changed file's findings with --changed.
  @Test(.enabled(if: Tool.vibeRules != nil, "the vibe-rules executable is not built beside the tests"))
  func commandLine() throws {
    let binary = try #require(Tool.vibeRules)
    let compliant = try Copy()
    defer { compliant.remove() }
    let expected = try compliant.matrix()
    let clean = try Tool.run(binary, ["check", "--root", compliant.root])
    #expect(clean.status == (expected.isCompliant ? 0 : 1), "\(clean.output)\(clean.error)")
    #expect(clean.output.split(separator: "\n").count == expected.reportedFindings.count)

    let broken = try Copy()
    defer { broken.remove() }
    try broken.breakFiles()
    let all = try Tool.run(binary, ["check"], directory: broken.directory)
    #expect(all.status == 1)
    #expect(all.output.contains("infra/template.yaml:") && all.output.contains("docker/Dockerfile:"))
    let changed = try Tool.run(binary, ["check", "--changed", "deploy.sh", "docker/Dockerfile"], directory: broken.directory)
    #expect(changed.status == 1)
    let lines = changed.output.split(separator: "\n")
    #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("docker/Dockerfile:") || $0.contains("[healthcheck-program-in-image]") })
    let untouched = try Tool.run(binary, ["check", "--changed", "deploy.sh"], directory: broken.directory)
    #expect(untouched.status == 0 && untouched.output.isEmpty)
    // A misspelt file would select nothing and pass: an input error instead.
    let misspelt = try Tool.run(binary, ["check", "--changed", "docker/Dockerfil"], directory: broken.directory)
    #expect(misspelt.status == 2)
    let sarif = try Tool.run(binary, ["check", "--changed", "docker/Dockerfile", "--format", "sarif"], directory: broken.directory)
    #expect(try Tool.validate(json: sarif.output, schema: Paths.sarifSchema) == [])
  }
}

import Foundation
import ProjectModel
import Testing
@testable import Rules

/// The faults people really hit (../shared/cases/NN-*): each broken folder gives the
/// expected finding at the expected file and line, and the `fixed/` overlay gives none.
@Suite struct SharedCaseTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var folder: String
    var rule: String
    var file: String
    var line: Int
    var severity: Finding.Severity
    /// Related locations the finding must carry (`file:line`).
    var related: [String] = []
    var testDescription: String { "\(folder) → \(rule) at \(file):\(line)" }
  }

  static let cases: [Case] = [
    Case(folder: "01-cli-parameter-overrides-replace-samconfig", rule: "sam-cli-overrides-replace", file: "deploy.sh", line: 7, severity: .error, related: ["samconfig.toml:8"]),
    Case(folder: "02-named-iam-role-needs-capability-named-iam", rule: "iam-named-capability", file: "samconfig.toml", line: 6, severity: .error, related: ["template.yaml:9"]),
    Case(folder: "04-launchtype-bypasses-capacity-provider-strategy", rule: "service-prefers-spot", file: "template.yaml", line: 29, severity: .error),
    Case(folder: "06-container-healthcheck-uses-curl-missing-from-slim", rule: "healthcheck-program-in-image", file: "template.yaml", line: 27, severity: .error, related: ["Dockerfile:1"]),
    Case(folder: "07-dockerfile-healthcheck-ignored-by-ecs", rule: "ecs-container-healthcheck", file: "template.yaml", line: 21, severity: .error, related: ["Dockerfile:11"]),
    Case(folder: "08-no-health-check-grace-period-for-slow-start", rule: "service-grace-period", file: "template.yaml", line: 52, severity: .error, related: ["template.yaml:50"]),
    Case(folder: "09-desiredcount-resets-autoscaled-service", rule: "service-desired-count", file: "template.yaml", line: 20, severity: .warning),
    Case(folder: "11-ecr-getauthorizationtoken-scoped-to-repository", rule: "execution-role-ecr-pull", file: "template.yaml", line: 26, severity: .error),
    Case(folder: "15-https-listener-without-certificate", rule: "alb-listeners", file: "template.yaml", line: 50, severity: .error),
    Case(folder: "16-fixed-log-group-name-collides-across-envs", rule: "physical-names-per-env", file: "template.yaml", line: 14, severity: .error, related: ["samconfig.toml:5"]),
    Case(folder: "17-dockerignore-excludes-copied-file", rule: "docker-copy-sources", file: "Dockerfile", line: 7, severity: .error, related: [".dockerignore:4"]),
    Case(folder: "18-streamlit-multiple-tasks-without-stickiness", rule: "streamlit-stickiness", file: "template.yaml", line: 19, severity: .warning, related: ["Dockerfile:11"]),
    Case(folder: "20-set-e-makes-exit-status-check-dead", rule: "errexit-dead-status-check", file: "deploy.sh", line: 8, severity: .error),
    Case(folder: "22-deploy-script-stack-name-differs-from-samconfig", rule: "deploy-stack-name-match", file: "deploy.sh", line: 9, severity: .error, related: ["samconfig.toml:4"]),
  ]

  /// Copies the case's files (and, for `fixed`, its overlay) to a temporary directory.
  static func workspace(_ folder: String, fixed: Bool) throws -> URL {
    let source = Workspace.sharedRoot.appendingPathComponent("cases").appendingPathComponent(folder)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-case-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for layer in fixed ? [source, source.appendingPathComponent("fixed")] : [source] {
      for name in try FileManager.default.contentsOfDirectory(atPath: layer.path) where name != "fixed" && name != "expected.md" {
        let target = directory.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.copyItem(at: layer.appendingPathComponent(name), to: target)
      }
    }
    return directory
  }

  static func findings(_ testCase: Case, fixed: Bool) throws -> [Finding] {
    let directory = try workspace(testCase.folder, fixed: fixed)
    defer { try? FileManager.default.removeItem(at: directory) }
    func given(_ name: String) -> String? {
      FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) ? name : nil
    }
    let project = try Project.load(ProjectOptions(
      root: directory.path, template: given("template.yaml"), samconfig: given("samconfig.toml"),
      dockerfile: given("Dockerfile"), dockerignore: given(".dockerignore"), deployScript: given("deploy.sh")))
    let rule = try #require(RuleCatalog.rule(testCase.rule), "no rule \(testCase.rule)")
    return RuleEngine.run([rule], on: project).flatMap(\.verdict.findings)
  }

  @Test("the broken files give the expected finding", arguments: cases)
  func broken(_ testCase: Case) throws {
    let findings = try Self.findings(testCase, fixed: false)
    let located = findings.filter { $0.location.file == testCase.file && $0.location.line == testCase.line && $0.severity == testCase.severity }
    let match = located.first { finding in testCase.related.allSatisfy { related in finding.related.contains { "\($0.location.file):\($0.location.line)" == related } } } ?? located.first
    #expect(match != nil, "expected \(testCase.severity.rawValue) [\(testCase.rule)] at \(testCase.file):\(testCase.line); got \(findings.map { "\($0.severity.rawValue) \($0.location): \($0.message)" })")
    for related in testCase.related {
      #expect(match?.related.contains { "\($0.location.file):\($0.location.line)" == related } == true, "related location \(related) in \(match?.related.map { "\($0.location)" } ?? [])")
    }
  }

  /// The fixed overlay gives none of the findings the broken version gives at the expected
  /// place (same place, same message); other faults of the fragments (files left out on
  /// purpose) may remain, as the case folders say.
  @Test("the fixed files give none of those findings", arguments: cases)
  func fixed(_ testCase: Case) throws {
    let broken = Set(try Self.findings(testCase, fixed: false)
      .filter { $0.location.file == testCase.file && $0.location.line == testCase.line }
      .map { "\($0.location.file):\($0.location.line) \($0.message)" })
    let remaining = try Self.findings(testCase, fixed: true).map { "\($0.location.file):\($0.location.line) \($0.message)" }.filter(broken.contains)
    #expect(!broken.isEmpty && remaining.isEmpty, "fixed \(testCase.folder) still gives: \(remaining)")
  }
}

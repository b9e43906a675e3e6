import Diagnostics
import Foundation
import ProjectModel
import Testing
@testable import Rules

/// `.vibe-rules.yaml`: what it sets, that flags win, and that every fault is a located
/// input error.
@Suite struct ConfigurationTests {
  static func parse(_ text: String) throws(InputError) -> VibeRulesConfiguration {
    try VibeRulesConfiguration.parse(SourceText(file: ".vibe-rules.yaml", text: text))
  }

  static func error(_ text: String) -> InputError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func readsEveryKey() throws {
    let configuration = try Self.parse("""
      template: infra/template.yaml
      deploy-script: deploy.sh
      environments: [prod]
      evidence: probe.json
      baseline: base.json
      rules:
        image-size: off
        log-retention: warning
      waive:
        - requirement: "12.1"
          reason: cost reviewed monthly
          expires: 2027-01-31
          environments: [dev]
      not-waivable: ["8.2"]
      """)
    #expect(configuration.paths["template"]?.value == "infra/template.yaml")
    #expect(configuration.paths["deploy-script"]?.location == SourceLocation(file: ".vibe-rules.yaml", line: 2, column: 16))
    #expect(configuration.environments.map(\.value) == ["prod"])
    #expect(configuration.evidence.map(\.value) == ["probe.json"])
    #expect(configuration.baseline?.value == "base.json")
    #expect(configuration.setting(ofRule: "image-size") == .off)
    #expect(configuration.setting(ofRule: "log-retention") == .warning)
    let waiver = try #require(configuration.waivers.first)
    #expect(waiver.target == .requirement("12.1") && waiver.reason == "cost reviewed monthly" && waiver.expires == "2027-01-31")
    #expect(waiver.coversEveryFile && waiver.environments == ["dev"])
    #expect(waiver.covers(rule: "x", requirements: ["12.1"], at: .start(of: "infra/template.yaml"), environment: "dev"))
    #expect(!waiver.covers(rule: "x", requirements: ["12.1"], at: .start(of: "infra/template.yaml"), environment: "prod"))
    #expect(configuration.notWaivable.map(\.value) == ["8.2"])
  }

  @Test(arguments: [
    ("rulez: {}\n", 1, 1, "unknown key \"rulez\""),
    ("environments: [dev]\nrules:\n  image-size: maybe\n", 3, 15, "must be off, warning or error"),
    ("waive:\n  - requirement: \"8.2\"\n", 2, 5, "has no reason"),
    ("waive:\n  - requirement: \"8.2\"\n    reason: r\n    until: 2027-01-01\n", 4, 5, "unknown waiver key \"until\""),
    ("waive:\n  - requirement: \"8.2\"\n    reason: r\n    expires: soon\n", 4, 14, "expires must be a date"),
    ("waive:\n  - requirement: \"8.2\"\n    reason: r\n    expires: 2099-02-30\n", 4, 14, "expires must be a date"),
    ("waive:\n  - requirement: \"8.2\"\n    reason: r\n    expires: 2100-02-29\n", 4, 14, "expires must be a date"),
    ("waive:\n  - requirement: \"8.2\"\n    reason: r\n    expires: 2027-04-31\n", 4, 14, "expires must be a date"),
    ("waive:\n  - requirement: \"8.2\"\n    reason: r\n    expires: \"+027-01-01\"\n", 4, 14, "expires must be a date"),
    ("waive:\n  - requirement: eight\n    reason: r\n", 2, 18, "requirement must be a requirement ID"),
    ("not-waivable: [x]\n", 1, 16, "requirement IDs"),
    ("template: [a, b]\n", 1, 11, "template must be a string"),
    ("- a\n", 1, 1, "must be a mapping"),
    ("rules: [a\n", 2, 1, "invalid YAML"),
  ])
  func faultsAreLocated(_ text: String, line: Int, column: Int, message: String) throws {
    let error = try #require(Self.error(text))
    #expect(error.location?.file == ".vibe-rules.yaml")
    #expect(error.location?.line == line)
    #expect(error.location?.column == column)
    #expect(error.message.contains(message), "\(error)")
  }

  /// Real calendar dates only: the last day of each month, leap years by the Gregorian rule.
  @Test(arguments: ["2096-02-29", "2000-02-29", "2027-04-30", "2027-12-31", "2027-01-31"])
  func calendarDatesAreAcceptedAsExpiry(date: String) throws {
    let configuration = try Self.parse("waive:\n  - requirement: \"8.2\"\n    reason: r\n    expires: \(date)\n")
    #expect(configuration.waivers.first?.expires == date)
  }

  @Test func settingsApplyAndFlagsWin() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    try copy.write(".vibe-rules.yaml", """
      environments: [prod]
      rules:
        image-port: off
        log-retention: warning
      waive:
        - requirement: "8.2"
          reason: SSH stays until the bastion lands
        - rule: container-port-agreement
          reason: an expired waiver
          expires: 2020-01-01
      """)
    let project = try copy.load()
    #expect(project.environments.map(\.scenario.environment) == ["prod"])
    let matrix = try ProjectEvaluation.matrix(for: project, today: "2026-06-01")
    func rows(_ id: String) -> [RequirementMatrix.Row] { matrix.rows.filter { $0.requirement.id.description == id } }
    // A config waiver covers its requirement wherever the finding is, and stays visible.
    #expect(rows("8.2").map(\.status) == [.waived])
    #expect(matrix.waivedFindings.contains { $0.finding.ruleID == "task-ingress-from-alb" && $0.waiver?.location.file == ".vibe-rules.yaml" })
    // Severity override: the row warns instead of failing.
    #expect(rows("9.2").map(\.status) == [.warn])
    #expect(rows("9.2").flatMap(\.findings).allSatisfy { $0.severity == .warning })
    // A rule set off leaves its requirements needs-evidence (never pass on the rules
    // left on), and says where it was turned off.
    let results = try ProjectEvaluation.results(for: project)
    let off = try #require(results.first { $0.rule.id == "image-port" })
    #expect(off.verdict.status == .needsEvidence && off.verdict.note.contains(".vibe-rules.yaml:3:3"))
    for id in off.rule.requirements {
      #expect(rows(id.description).allSatisfy { $0.status != .pass }, "\(id)")
    }
    // The expired waiver stops waiving and says so.
    let agreement = try #require(matrix.reportedFindings.first { $0.finding.ruleID == "container-port-agreement" })
    #expect(agreement.finding.message.contains("expired on 2020-01-01"))
    // Flags win: --env dev replaces the configuration's environments.
    #expect(try copy.load { $0.environments = ["dev"] }.environments.map(\.scenario.environment) == ["dev"])
  }

  /// 1.4 is checked by image-port and by the port-agreement rules; with image-port off
  /// the others still pass, but the row must not claim what nothing checked.
  @Test func aRuleSetOffLeavesItsRequirementNeedingEvidenceNotPassing() throws {
    let copy = try Copy()
    defer { copy.remove() }
    #expect(try ProjectEvaluation.matrix(for: copy.load()).rows.filter { $0.requirement.id == "1.4" }.map(\.status) == [.pass])
    try copy.write(".vibe-rules.yaml", "rules:\n  image-port: off\n")
    let row = try #require(ProjectEvaluation.matrix(for: copy.load()).rows.first { $0.requirement.id == "1.4" })
    #expect(row.status == .needsEvidence)
    #expect(row.note.contains("image-port is off in .vibe-rules.yaml:2:3"))
  }

  /// A config env the configuration names and samconfig lacks is an error at its place
  /// in `.vibe-rules.yaml`; `--env` replaces the configuration's list.
  @Test func anUnknownConfiguredEnvIsAnErrorAtItsLine() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.write(".vibe-rules.yaml", "environments: [dev, staging]\n")
    let error = try #require(throws: InputError.self) { try copy.load() }
    #expect(error.location == SourceLocation(file: ".vibe-rules.yaml", line: 1, column: 21))
    #expect(error.message == "config env \"staging\" is not defined in infra/samconfig.toml (it has: dev, prod)")
    #expect(try copy.load { $0.environments = ["prod"] }.environments.map(\.scenario.environment) == ["prod"])
  }

  @Test func pathsComeFromTheConfigurationUnlessFlagsNameThem() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try FileManager.default.moveItem(at: copy.directory.appendingPathComponent("infra/template.yaml"), to: copy.directory.appendingPathComponent("infra/stack.yaml"))
    try copy.write("custom.yaml", "template: infra/stack.yaml\n")
    #expect(try copy.load().templateFile == nil, "no configuration: the default path is absent")
    #expect(try copy.load { $0.configFile = "custom.yaml" }.templateFile?.displayName == "infra/stack.yaml")
    try copy.write(".vibe-rules.yaml", "template: infra/missing.yaml\n")
    do {
      _ = try copy.load()
      Issue.record("a missing configured path must be an input error")
    } catch {
      #expect(error.location == SourceLocation(file: ".vibe-rules.yaml", line: 1, column: 11))
    }
    #expect(try copy.load { $0.template = "infra/stack.yaml" }.templateFile?.displayName == "infra/stack.yaml")
  }

  @Test func unknownRuleAndUnwaivableRequirementAreInputErrors() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.write(".vibe-rules.yaml", "rules:\n  no-such-rule: off\n")
    #expect(throws: InputError.self) { try copy.matrix() }
    try copy.write(".vibe-rules.yaml", "not-waivable: [\"4.4\"]\n")
    // The template waives 4.4 in its LogGroup metadata: now an input error at that waiver.
    do {
      _ = try copy.matrix()
      Issue.record("a waiver of a not-waivable requirement must be an input error")
    } catch let error as InputError {
      #expect(error.location?.file == "infra/template.yaml")
      #expect(error.message.contains("not-waivable at .vibe-rules.yaml:1:16"))
    }
    try copy.write(".vibe-rules.yaml", "not-waivable: [\"99.1\"]\n")
    #expect(throws: InputError.self) { try copy.load() }
  }

  /// A waiver limited to a config env the samconfig does not define would apply nowhere.
  @Test func aWaiverForAnUnknownConfigEnvIsAnInputError() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.edit("infra/template.yaml", "environments: [dev]", "environments: [devv]")
    do {
      _ = try copy.matrix()
      Issue.record("a waiver naming config env devv must be an input error")
    } catch let error as InputError {
      #expect(error.location?.file == "infra/template.yaml")
      #expect(error.message.hasPrefix("the waiver names config env \"devv\", which the samconfig does not define (did you mean dev?)"), "\(error.message)")
    }
  }

  /// Without a samconfig the only env evaluated is `default`: a waiver limited to dev
  /// would apply nowhere.
  @Test func aWaiverForAConfigEnvWithoutASamconfigIsAnInputError() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try FileManager.default.removeItem(at: copy.directory.appendingPathComponent("infra/samconfig.toml"))
    do {
      _ = try copy.matrix()
      Issue.record("a waiver naming config env dev must be an input error without a samconfig")
    } catch let error as InputError {
      #expect(error.message == "the waiver names config env \"dev\", but the repository has no samconfig: the config envs evaluated are default", "\(error.message)")
    }
  }

  /// Without --template and --samconfig, the other names SAM CLI uses are found too:
  /// `template.yml` (or `.json`) and `samconfig.yaml` (or `.yml`).
  @Test func otherUsualNamesAreFoundWithoutOptions() throws {
    let copy = try Copy()
    defer { copy.remove() }
    let infra = copy.directory.appendingPathComponent("infra")
    try FileManager.default.moveItem(at: infra.appendingPathComponent("template.yaml"), to: infra.appendingPathComponent("template.yml"))
    try FileManager.default.removeItem(at: infra.appendingPathComponent("samconfig.toml"))
    try copy.write("infra/samconfig.yaml", """
      version: 0.1
      dev:
        deploy:
          parameters:
            stack_name: vibejudge-dashboard-dev
            region: us-east-1
            capabilities: CAPABILITY_IAM
      prod:
        deploy:
          parameters:
            stack_name: vibejudge-dashboard-prod
            region: us-east-1
            capabilities: CAPABILITY_IAM
            confirm_changeset: true
      """)
    let project = try copy.load()
    #expect(project.templateFile?.displayName == "infra/template.yml")
    #expect(project.samconfigFile?.displayName == "infra/samconfig.yaml")
    #expect(project.environments.map(\.scenario.environment) == ["dev", "prod"])
    try FileManager.default.removeItem(at: infra.appendingPathComponent("template.yml"))
    #expect(try copy.load().absences["template"] == "no template at infra/template.yaml, infra/template.yml or infra/template.json (use --template)")
  }

  /// An empty samconfig defines no config env: the message says so instead of listing none.
  @Test func aWaiverForAConfigEnvOfAnEmptySamconfigSaysItDefinesNone() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.write("infra/samconfig.toml", "")
    do {
      _ = try copy.matrix()
      Issue.record("a waiver naming config env dev must be an input error when samconfig defines no env")
    } catch let error as InputError {
      #expect(error.message == "the waiver names config env \"dev\", which the samconfig does not define; it defines none", "\(error.message)")
    }
  }

  @Test(.enabled(if: Tool.vibeRules != nil, "the vibe-rules executable is not built beside the tests"))
  func unknownKeyExitsWithStatus2() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.write(".vibe-rules.yaml", "environments: [dev]\nrulez: {}\n")
    let outcome = try Tool.run(try #require(Tool.vibeRules), ["report", "--root", copy.root])
    #expect(outcome.status == 2)
    #expect(outcome.error.hasPrefix(".vibe-rules.yaml:2:1: error: unknown key \"rulez\""), "\(outcome.error)")
  }
}

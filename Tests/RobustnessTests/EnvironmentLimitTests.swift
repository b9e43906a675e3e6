import Diagnostics
import ProjectModel
import Testing
import TemplateModel

/// A samconfig with thousands of config envs (each a deploy-script walk and a template
/// evaluation) is refused past 64 envs in one run, at the first env past the limit; the
/// evaluation budget for computed values is shared among the envs evaluated.
@Suite struct EnvironmentLimitTests {
  static func directory(extraEnvironments count: Int) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.copyDeploymentFiles()
    var samconfig = try String(contentsOfFile: directory.path + "/infra/samconfig.toml", encoding: .utf8)
    for index in 0..<count { samconfig += "\n[extra\(index).deploy.parameters]\nstack_name = \"extra-\(index)\"\n" }
    try directory.write("infra/samconfig.toml", samconfig)
    return directory
  }

  @Test func moreThanSixtyFourEnvsAreOneLocatedError() throws {
    let directory = try Self.directory(extraEnvironments: 1_000)
    defer { directory.remove() }
    let error = try #require(throws: InputError.self) { try Project.load(ProjectOptions(root: directory.path)) }
    #expect(error.message.contains("1002 config envs to evaluate; vibe-rules evaluates at most 64"), "\(error)")
    // dev and prod come first: the 65th env is extra62, whose table is on its own line.
    let text = try String(contentsOfFile: directory.path + "/infra/samconfig.toml", encoding: .utf8)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "[extra62.deploy.parameters]" }.map { $0 + 1 }
    #expect(error.location?.file == "infra/samconfig.toml")
    #expect(error.location?.line == line)
  }

  /// Too many envs is the config envs' error: a broken Dockerfile is reported first, as
  /// `Project.load` documents the order (it had come out ahead of the Dockerfile's).
  @Test func aBrokenDockerfileIsReportedBeforeTooManyEnvs() throws {
    let directory = try Self.directory(extraEnvironments: 100)
    defer { directory.remove() }
    try directory.write("docker/Dockerfile", "FROM python:3.12-slim\nBOGUS\u{0}\n")
    let error = try #require(throws: InputError.self) { try Project.load(ProjectOptions(root: directory.path)) }
    #expect(error.location?.file == "docker/Dockerfile", "\(error)")
  }

  /// Every row repeats the env's name: a name past 256 characters is refused at its table
  /// (62 names of 260,000 characters had made 839 MB of output); 256 is evaluated.
  @Test func aConfigEnvNameIsAtMost256Characters() throws {
    for (length, refused) in [(256, false), (257, true)] {
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      try directory.copyDeploymentFiles()
      let name = String(repeating: "e", count: length)
      let samconfig = try String(contentsOfFile: directory.path + "/infra/samconfig.toml", encoding: .utf8)
      try directory.write("infra/samconfig.toml", samconfig + "\n[\(name).deploy.parameters]\nstack_name = \"long\"\n")
      if refused {
        let error = try #require(throws: InputError.self) { try Project.load(ProjectOptions(root: directory.path)) }
        #expect(error.message.contains("config env name of 257 characters"), "\(error)")
        #expect(error.location?.file == "infra/samconfig.toml")
      } else {
        #expect(try Project.load(ProjectOptions(root: directory.path)).environments.map(\.scenario.environment).contains(name))
      }
    }
  }

  @Test func envsChosenWithEnvAreEvaluatedWhateverSamconfigHolds() throws {
    let directory = try Self.directory(extraEnvironments: 1_000)
    defer { directory.remove() }
    var options = ProjectOptions(root: directory.path)
    options.environments = ["dev"]
    let project = try Project.load(options)
    #expect(project.environments.map(\.scenario.environment) == ["dev"])
  }

  @Test(arguments: [(1, 16 << 20), (2, 16 << 20), (4, 8 << 20), (32, 1 << 20), (64, 1 << 20)])
  func theBudgetIsSharedAmongTheEnvs(environments: Int, budget: Int) {
    #expect(TemplateEvaluator.computeBudget(sharedBy: environments) == budget)
  }
}

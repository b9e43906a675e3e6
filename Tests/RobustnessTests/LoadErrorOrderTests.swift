import Diagnostics
import ProjectModel
import Testing

/// `Project.load` reads the template on a second thread and walks the deploy script per
/// config env on others, but with several broken files it still reports the one it
/// would reach first reading them in order: template, samconfig, deploy
/// script, Dockerfile, then the config envs requested.
@Suite struct LoadErrorOrderTests {
  static let brokenTemplate = ("infra/template.yaml", "Resources: [\n")
  static let brokenSamconfig = ("infra/samconfig.toml", "version = 0.1\n[dev.deploy.parameters\n")
  static let brokenDeployScript = ("deploy.sh", "#!/bin/bash\nif true; then\n")
  static let brokenDockerfile = ("docker/Dockerfile", "FROM python:3.12-slim\nRUN echo \"<<EOF\nCOPY --bogus=1 a b\n")

  static let cases: [(name: String, broken: [(String, String)], expected: String)] = [
    ("template before samconfig, deploy script and Dockerfile", [brokenTemplate, brokenSamconfig, brokenDeployScript, brokenDockerfile], "infra/template.yaml"),
    ("samconfig before deploy script and Dockerfile", [brokenSamconfig, brokenDeployScript, brokenDockerfile], "infra/samconfig.toml"),
    ("deploy script before Dockerfile", [brokenDeployScript, brokenDockerfile], "deploy.sh"),
  ]

  @Test(arguments: cases.map(\.name))
  func theFirstBrokenFileInReadingOrderIsReported(name: String) throws {
    let test = Self.cases.first { $0.name == name }!
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    for (file, text) in test.broken { try directory.write(file, text) }
    for _ in 0..<5 {  // the threads finish in any order; the answer must not change
      let error = try #require(throws: InputError.self) { try Project.load(ProjectOptions(root: directory.path)) }
      #expect(error.location?.file == test.expected, "\(name): \(error)")
    }
  }

  /// An env requested but not defined is reported after every file error, and before
  /// the env's own deploy-script errors.
  @Test func anUndefinedEnvComesAfterTheFilesAndBeforeTheEnvs() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    var options = ProjectOptions(root: directory.path)
    options.environments = ["staging"]
    let error = try #require(throws: InputError.self) { try Project.load(options) }
    #expect(error.message.contains("config env \"staging\" is not defined"), "\(error)")
    try directory.write(Self.brokenDockerfile.0, Self.brokenDockerfile.1)
    let first = try #require(throws: InputError.self) { try Project.load(options) }
    #expect(first.location?.file == "docker/Dockerfile", "\(first)")
  }
}

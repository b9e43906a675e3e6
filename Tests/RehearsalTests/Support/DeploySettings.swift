import Diagnostics
import Foundation
import ProjectModel
import TemplateModel

/// What infra/samconfig.toml and the template say about one config env: the stack SAM CLI
/// deploys, its region, the names of the env's parameter_overrides, and the ECR
/// repository the template creates for the env. Read with vibe-rules' own loaders (a data
/// read; the verdicts built on it are the rehearsal's own).
struct DeploySettings: Sendable {
  var environment: String
  var stackName: String
  var region: String
  var overrideNames: [String]
  /// The template's AWS::ECR::Repository RepositoryName evaluated for the env.
  var repositoryName: String

  /// The settings of every deployable env of the copy at `root`.
  static func load(root: URL) throws -> [String: DeploySettings] {
    let project = try Project.load(ProjectOptions(root: root.path))
    guard let samconfig = project.samconfig else { return [:] }
    var settings: [String: DeploySettings] = [:]
    for name in samconfig.deployableEnvironmentNames {
      let parameters = samconfig.environment(name)?.deployParameters ?? [:]
      let overrides = try parameters["parameter_overrides"].map { value throws(InputError) in try ParameterOverrides.parse(value) } ?? []
      settings[name] = DeploySettings(
        environment: name, stackName: parameters["stack_name"]?.text ?? "", region: parameters["region"]?.text ?? "",
        overrideNames: overrides.map(\.value.key),
        repositoryName: project.environment(name)?.resources(ofType: "AWS::ECR::Repository").first?["RepositoryName"]?.string ?? "")
    }
    return settings
  }
}

import Diagnostics
import Requirements
import TemplateModel

extension Project {
  /// Loads every artifact `options` names (or finds at its default path), then evaluates
  /// the template for each config env.
  ///
  /// - Throws: `InputError` for a named path that does not exist, a file that does not
  ///   parse, or a requested config env that samconfig does not define.
  public static func load(_ options: ProjectOptions) throws(InputError) -> Project {
    let root = options.root
    guard FileBytes.isDirectory(root) else {
      throw InputError("--root \(root): no such directory", at: nil)
    }
    var requirements = RequirementCatalogue.builtIn
    if let file = try ArtifactFile.resolve(options.requirements, fallback: ProjectOptions.defaultRequirements, root: root, option: "--requirements") {
      requirements = try RequirementCatalogue.parse(SourceText.read(path: file.path, displayName: file.displayName))
    }
    var project = Project(root: root, requirements: requirements)

    if let file = try ArtifactFile.resolve(options.template, fallback: ProjectOptions.defaultTemplate, root: root, option: "--template") {
      project.templateFile = file
      project.template = try Template.load(SourceText.read(path: file.path, displayName: file.displayName))
    } else {
      project.absences["template"] = "no template at \(ProjectOptions.defaultTemplate) (use --template)"
    }
    if let file = try ArtifactFile.resolve(options.samconfig, fallback: ProjectOptions.defaultSamconfig, root: root, option: "--samconfig") {
      project.samconfigFile = file
      project.samconfig = try SamConfig.load(SourceText.read(path: file.path, displayName: file.displayName))
    } else {
      project.absences["samconfig"] = "no samconfig at \(ProjectOptions.defaultSamconfig) (use --samconfig)"
    }
    try project.evaluateEnvironments(requested: options.environments)
    return project
  }

  /// The config envs to evaluate: those requested, else every deployable env of
  /// samconfig, else SAM CLI's `default` env (template defaults only).
  mutating func evaluateEnvironments(requested: [String]) throws(InputError) {
    guard let template else { return }
    var names = requested
    if let samconfig {
      for name in requested where samconfig.environment(name) == nil {
        throw InputError("config env \"\(name)\" is not defined in \(samconfig.file) (it has: \(samconfig.environments.map(\.name).joined(separator: ", ")))", at: nil)
      }
      if names.isEmpty { names = samconfig.deployableEnvironmentNames }
    }
    if names.isEmpty { names = ["default"] }
    environments = try names.map { name throws(InputError) in
      let configuration = try DeployConfiguration.resolve(environment: name, samconfig: samconfig, command: nil)
      return TemplateEvaluator.evaluate(template, configuration: configuration)
    }
  }
}

import Diagnostics
import Requirements
import TemplateModel

/// Every artifact of one repository, loaded and cross-linked, plus the template
/// evaluated once per config env.
///
/// An artifact that is absent at its default path is nil, with the reason in
/// `absences`; rules that need it are then not applicable. A path the user named
/// that does not exist, or a file that does not parse, is an `InputError`.
public struct Project: Sendable {
  public var root: String
  public var requirements: RequirementCatalogue
  public var template: Template?
  public var templateFile: ArtifactFile?
  public var samconfig: SamConfig?
  public var samconfigFile: ArtifactFile?
  /// One evaluated template per config env, in samconfig order.
  public var environments: [EvaluatedTemplate]
  /// Why an optional artifact is absent, by artifact name (`template`, `samconfig`, ...).
  public var absences: [String: String]

  public init(root: String, requirements: RequirementCatalogue) {
    self.root = root
    self.requirements = requirements
    self.environments = []
    self.absences = [:]
  }

  /// The evaluated template of config env `name`.
  public func environment(_ name: String) -> EvaluatedTemplate? {
    environments.first { $0.scenario.environment == name }
  }
}

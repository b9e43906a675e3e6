import Diagnostics
import ProjectModel
import Requirements
import TemplateModel

/// What a rule sees: the project, the config env under evaluation (per-env rules), and
/// the requirement values it checks against.
public struct RuleContext: Sendable {
  public let project: Project
  /// The env's evaluated template; nil for repository-scope rules.
  public let environment: EvaluatedTemplate?
  public let definition: RuleDefinition

  /// Records which requirement values rules read (for tests and `explain`); nil: not recorded.
  let reads: ValueReads?

  public init(project: Project, environment: EvaluatedTemplate?, definition: RuleDefinition, reads: ValueReads? = nil) {
    self.project = project
    self.environment = environment
    self.definition = definition
    self.reads = reads
  }

  /// The env's evaluated template (per-env rules always have one: the engine runs them
  /// only for evaluated envs).
  public var template: EvaluatedTemplate { environment ?? .empty }

  /// The env name for messages ("env prod"), or "" for repository rules.
  public var environmentName: String { environment?.scenario.environment ?? "" }

  /// The value `key` of requirement `id` (default: the rule's first requirement): the
  /// checked repository's REQUIREMENTS.md (with `.vibe-rules.yaml` overrides), else the
  /// built-in catalogue's default for that key. Nil when the repository's catalogue has
  /// no requirement `id` at all: a rule checks no requirement the repository does not
  /// state (another team's catalogue without 12.4 gets no 12.4 finding at our value).
  public func value(_ key: String, of id: RequirementID? = nil) -> RequirementValue? {
    let requirement = id ?? definition.requirements[0]
    reads?.record(rule: definition.id, requirement: requirement, key: key)
    guard let stated = project.requirements[requirement] else { return nil }
    return stated.values[key] ?? RequirementCatalogue.builtIn[requirement]?.values[key]
  }
}

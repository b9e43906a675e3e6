import Diagnostics
import ProjectModel
import Requirements
import TemplateModel

/// What a rule sees: the project, the config env under evaluation (per-env rules), and
/// the requirement values it checks against.
public struct RuleContext: Sendable {
  /// The project and the env, made once per env by the engine and shared by every rule's
  /// context: both are structs of many arrays and strings, and held inline each of the
  /// report's 150 contexts retained and released all of them, from both threads at once
  /// (the reference counts' cache lines moving between the cores).
  final class Subject: Sendable {
    let project: Project
    let environment: EvaluatedTemplate?
    let template: EvaluatedTemplate

    init(project: Project, environment: EvaluatedTemplate?) {
      self.project = project
      self.environment = environment
      self.template = environment ?? .empty
    }
  }

  private let subject: Subject
  public let definition: RuleDefinition

  /// Records which requirement values rules read (for tests and `explain`); nil: not recorded.
  let reads: ValueReads?

  public init(project: Project, environment: EvaluatedTemplate?, definition: RuleDefinition, reads: ValueReads? = nil) {
    self.init(subject: Subject(project: project, environment: environment), definition: definition, reads: reads)
  }

  init(subject: Subject, definition: RuleDefinition, reads: ValueReads?) {
    self.subject = subject
    self.definition = definition
    self.reads = reads
  }

  public var project: Project { subject.project }

  /// The env's evaluated template; nil for repository-scope rules.
  public var environment: EvaluatedTemplate? { subject.environment }

  /// The env's evaluated template (per-env rules always have one: the engine runs them
  /// only for evaluated envs).
  public var template: EvaluatedTemplate { subject.template }

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

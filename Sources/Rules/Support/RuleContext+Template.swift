import Diagnostics
import TemplateModel

extension RuleContext {
  /// Where the template starts: for findings about something the template lacks.
  var templateStart: SourceLocation { template.template.location }

  /// "in env prod" for messages of per-env rules, "" otherwise.
  var inEnvironment: String { environment.map { " in env \($0.scenario.environment)" } ?? "" }

  /// A failing verdict for a template that lacks every resource of `type`: at the
  /// resource whose Type is `type` misspelt, when one is (`misspelling(of:)`), else at the
  /// Condition of one this env's conditions remove, else at the template's start.
  func missing(_ type: String, for purpose: String) -> Verdict {
    missing(type, misspelt: type, for: purpose)
  }

  /// `missing(_:for:)` for `what` a resource of `type` holds ("container definition" of
  /// `AWS::ECS::TaskDefinition`): a resource whose Type is `type` misspelt explains it.
  func missing(_ what: String, misspelt type: String, for purpose: String) -> Verdict {
    if let resource = misspelling(of: type) {
      return .fail(.error(
        "the template\(inEnvironment) has no \(what): \(resource.logicalID) has Type \(resource.type.value), \(type) misspelt; \(purpose)",
        at: resource.type.location))
    }
    if let (resource, condition) = template.removedResources.first(where: { $0.resource.type.value == type }) {
      return .fail(.error(
        "the template\(inEnvironment) has no \(what): \(resource.logicalID) has Condition \(condition), which removes it here; \(purpose)",
        at: resource.condition?.location ?? resource.location))
    }
    return .fail(.error("the template\(inEnvironment) has no \(what); \(purpose)", at: templateStart))
  }

  /// How many resources of types the carried list does not have `misspelling(of:)` reads.
  static let maximumMisspellingCandidates = 16

  /// The first resource whose Type is `type` misspelt or wrongly cased
  /// (`ResourceTypes.isMisspelling`), among the first resources of types the carried list
  /// does not have: why a template that means to create `type` lacks it.
  func misspelling(of type: String) -> Resource? {
    template.template.resources.lazy.filter { [.malformed, .unlisted].contains(ResourceTypes.standing($0.type.value)) }
      .prefix(Self.maximumMisspellingCandidates).first { ResourceTypes.isMisspelling($0.type.value, of: type) }
  }
}

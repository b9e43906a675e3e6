import Diagnostics
import TemplateModel

extension RuleContext {
  /// Where the template starts: for findings about something the template lacks.
  var templateStart: SourceLocation { template.template.location }

  /// "in env prod" for messages of per-env rules, "" otherwise.
  var inEnvironment: String { environment.map { " in env \($0.scenario.environment)" } ?? "" }

  /// A failing verdict for a template that lacks every resource of `type`.
  func missing(_ type: String, for purpose: String) -> Verdict {
    .fail(.error("the template\(inEnvironment) has no \(type); \(purpose)", at: templateStart))
  }
}

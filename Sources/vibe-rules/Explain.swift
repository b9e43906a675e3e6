import ArgumentParser
import Diagnostics
import Requirements
import Rules

/// `vibe-rules explain <rule-id|requirement-id>`.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a rule or a requirement: rationale, what passes, what fails, sources.")

  @Argument(help: "A rule id (alb-ingress-ports) or a requirement ID (8.1).")
  var subject: String

  func run() throws {
    let rules: [RuleDefinition]
    if let id = RequirementID(subject) {
      guard let requirement = RequirementCatalogue.builtIn[id] else {
        throw InputError("no requirement \(subject) in the built-in catalogue", at: nil)
      }
      print("\(requirement.id) \(requirement.title) [\(requirement.kind.rawValue)]\n")
      print(requirement.text + "\n")
      rules = RuleCatalog.all.map(\.definition).filter { $0.requirements.contains(id) }
      if rules.isEmpty { print("No rule checks this requirement yet.") }
    } else if let rule = RuleCatalog.rule(subject) {
      rules = [rule.definition]
    } else {
      throw InputError("\"\(subject)\" is neither a rule id nor a requirement ID (see vibe-rules list)", at: nil)
    }
    for rule in rules {
      print("\(rule.id): \(rule.title)")
      print("  requirements: \(rule.requirements.map(\.description).joined(separator: ", "))  kind: \(rule.kind.rawValue)  scope: \(rule.scope.rawValue)")
      print("  why: \(rule.rationale)")
      for example in rule.examples {
        let change = example.edits.isEmpty ? "" : ": " + example.edits.map { "in \($0.artifact.rawValue) replace \($0.find.debugDescription) with \($0.replacement.debugDescription)" }.joined(separator: "; ")
        print("  \(example.expected.rawValue): \(example.summary)\(example.environment.map { " (env \($0))" } ?? "")\(change)")
      }
      for source in rule.sources { print("  source: \(source)") }
      print("")
    }
  }
}

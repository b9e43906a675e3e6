import TemplateModel

/// 10.2: the template takes the required parameters (Environment limited to the
/// environments, ImageTag, an optional DomainName), and every env gives each parameter
/// an allowed value.
struct TemplateParametersRule: Rule {
  static let definition = RuleDefinition(
    id: "template-parameters",
    requirements: ["10.2"],
    title: "Template parameters exist and every env gives them allowed values",
    rationale: "A parameter without a value fails a new stack and silently keeps the old value on an existing one; a value outside AllowedValues fails the change set. Optional parameters need a Default.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"],
    examples: [
      .compliant(),
      .change("DomainName without a default", .edit(.template, "  DomainName:\n    Type: String\n    Default: \"\"\n", "  DomainName:\n    Type: String\n")),
      .change("DomainName's AllowedPattern uses look-ahead, which is not matched", .edit(.template, #"    AllowedPattern: "^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$""#, #"    AllowedPattern: "^(?=[a-z])[a-z.]*$""#), expect: .needsEvidence),
      .change("DomainName's AllowedPattern refuses its empty Default", .edit(.template, #"    AllowedPattern: "^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$""#, #"    AllowedPattern: "^([a-z0-9]+\\.)+[a-z]{2,63}$""#)),
      .change("Environment allows staging", .edit(.template, "      - dev\n      - prod\n    Description: Deployment environment", "      - dev\n      - staging\n      - prod\n    Description: Deployment environment")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let names = context.value("parameters")?.list, let environments = context.value("environments") else { return .missingValue("parameters/environments", of: "10.2") }
    let evaluated = context.template
    let template = evaluated.template
    var findings: [Finding] = []
    for (index, name) in names.enumerated() {
      guard let parameter = template.parameter(name) else {
        findings.append(.error("the template has no parameter \(name) (\(context.value("parameters")!.cited))", at: context.templateStart, path: "Parameters/\(name)"))
        continue
      }
      // The first parameter names the environment: its AllowedValues must be the environments.
      if index == 0 {
        let allowed = parameter.allowedValues.compactMap(\.text)
        if allowed.sorted() != environments.list.sorted() {
          findings.append(.error("parameter \(name) allows [\(allowed.joined(separator: ", "))]; \(environments.cited) requires exactly [\(environments.list.joined(separator: ", "))]", at: parameter.allowedValues.first?.location ?? parameter.location, path: "Parameters/\(name)/AllowedValues"))
        }
      }
      // The last one is optional: it needs a Default.
      if index == names.count - 1 && names.count > 2 && parameter.defaultValue == nil {
        findings.append(.error("parameter \(name) is optional but has no Default", at: parameter.location, path: "Parameters/\(name)"))
      }
    }
    var unchecked: [EvaluationProblem] = []
    // A deploy script that stops before `sam deploy` in this env never passes its
    // overrides: that stop, not the parameter, is what to fix.
    let stop = evaluated.problems.contains { $0.kind == .missingParameter } ? context.scriptStop(before: "it runs sam deploy with the parameter overrides") : nil
    if let stop { findings.append(stop) }
    for problem in evaluated.problems {
      // References to resources a condition removes are 10.1's (the stack cannot be created).
      if problem.kind == .removedResourceReference { continue }
      guard problem.kind != .uncheckedConstraint else {
        unchecked.append(problem)
        continue
      }
      if stop != nil && problem.kind == .missingParameter { continue }
      findings.append(.error(problem.message, at: problem.location, related: problem.related.map { .init("related", at: $0) }))
    }
    if findings.isEmpty && !unchecked.isEmpty {
      return .needsEvidence(unchecked.map(\.message).joined(separator: "; "), evidence: unchecked.map(\.location))
    }
    return Verdict(findings: findings, passNote: "parameters \(names.joined(separator: ", ")) with values in every env")
  }
}

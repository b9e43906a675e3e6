import Testing
@testable import Rules

/// One example of one rule, as a test argument.
struct DeclaredExample: Sendable, CustomTestStringConvertible {
  var rule: any Rule
  var example: RuleExample

  var testDescription: String {
    "\(rule.definition.requirements.map(\.description).joined(separator: ",")) \(rule.definition.id) \(example.expected.rawValue): \(example.summary)"
  }

  var sourceLocation: SourceLocation {
    SourceLocation(fileID: example.declaredAt.file, filePath: example.declaredAt.file, line: example.declaredAt.line, column: 1)
  }

  static var all: [DeclaredExample] {
    RuleCatalog.all.flatMap { rule in rule.definition.examples.map { DeclaredExample(rule: rule, example: $0) } }
  }
}

extension RuleExample.Expectation {
  init(_ status: Verdict.Status) {
    switch status {
    case .pass: self = .pass
    case .fail: self = .fail
    case .warn: self = .warn
    case .needsEvidence: self = .needsEvidence
    case .notApplicable: self = .notApplicable
    }
  }
}

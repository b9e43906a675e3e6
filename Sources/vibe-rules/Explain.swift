import ArgumentParser
import Diagnostics
import ProjectModel
import Requirements
import Rules

/// `vibe-rules explain <rule-id|requirement-id>`.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a rule or a requirement: rationale, what passes, what fails, sources.")

  @Argument(help: "A rule id (alb-ingress-ports) or a requirement ID (8.1).")
  var subject: String

  @Option(help: "The repository whose REQUIREMENTS.md states the requirement.")
  var root: String = "."

  @Option(help: "The requirement catalogue (default: REQUIREMENTS.md in the root, else the built-in one).")
  var requirements: String?

  /// The repository's catalogue, else the built-in one.
  private func catalogue() throws -> RequirementCatalogue {
    try CatalogueFile.load(requirements, root: root)
  }

  /// " (did you mean changeset-confirmed-in-prod?)" for a rule id within two edits of
  /// `subject`, or whose start is within one edit of it (`changeset-confirmd`), else "".
  static func suggestion(for subject: String) -> String {
    let ids = RuleCatalog.all.map(\.definition.id)
    let typed = Array(subject.lowercased().unicodeScalars)
    let near = NameSuggestion.closest(to: subject, among: ids) ?? ids.first { id in
      typed.count >= 4 && NameSuggestion.editDistance(Array(id.prefix(typed.count).unicodeScalars), typed, limit: 1) <= 1
    }
    return near.map { " (did you mean \($0)?)" } ?? ""
  }

  func run() throws {
    let rules: [RuleDefinition]
    if let id = RequirementID(subject) {
      let catalogue = try catalogue()
      guard let requirement = catalogue[id] else {
        throw InputError("no requirement \(subject) in \(catalogue.source)", at: nil)
      }
      print("\(requirement.id) \(requirement.title) [\(requirement.kind.rawValue)] (\(catalogue.source))\n")
      let prose = requirement.text.split(separator: "\n").joined(separator: "\n")
      if !prose.isEmpty { print(prose + "\n") }
      for value in requirement.values.values.sorted(by: { $0.key < $1.key }) {
        print("  \(value.key): \(value.written)  (\(value.location.file):\(value.location.line))")
      }
      if !requirement.values.isEmpty { print("") }
      rules = RuleCatalog.all.map(\.definition).filter { $0.requirements.contains(id) }
      if rules.isEmpty { print("No rule checks this requirement yet.") }
    } else if let rule = RuleCatalog.rule(subject) {
      rules = [rule.definition]
    } else {
      throw InputError("\"\(subject)\" is neither a rule id nor a requirement ID\(Self.suggestion(for: subject)) (see vibe-rules list)", at: nil)
    }
    for rule in rules {
      print("\(rule.id): \(rule.title)")
      print("  requirements: \(rule.requirements.map(\.description).joined(separator: ", "))  kind: \(rule.kind.rawValue)  scope: \(rule.scope.rawValue)")
      print("  why: \(rule.rationale)")
      for example in rule.examples {
        let heading = "  \(example.expected.rawValue): \(example.summary)\(example.environment.map { " (env \($0))" } ?? "")"
        let multiline = example.edits.contains { $0.find.contains(where: \.isNewline) || $0.replacement.contains(where: \.isNewline) }
        // The example is this repository's files with the edits made: say what the
        // files become, not what to do.
        guard multiline else {
          let change = example.edits.map { edit in
            "\(edit.artifact.rawValue)'s \(Self.inline(edit.find)) \(edit.replacement.isEmpty ? "is removed" : "becomes \(Self.inline(edit.replacement))")"
          }
          print(heading + (change.isEmpty ? "" : ", when " + change.joined(separator: " and ")))
          continue
        }
        print(heading + ", when:")
        for edit in example.edits {
          print("    in \(edit.artifact.rawValue),")
          print(Self.block(edit.find))
          print(edit.replacement.isEmpty ? "    is removed" : "    becomes")
          if !edit.replacement.isEmpty { print(Self.block(edit.replacement)) }
        }
      }
      for source in rule.sources { print("  source: \(source)") }
      print("")
    }
  }

  /// Text of an example edit as lines behind a `|` margin (spaces kept; a final newline
  /// is the end of the last line, not an empty line).
  static func block(_ text: String) -> String {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    if text.last?.isNewline == true { lines.removeLast() }
    return lines.map { "      | " + $0 }.joined(separator: "\n")
  }

  /// One-line text of an example edit: in backticks, unless blanks at its ends or a
  /// backtick inside need the quoted, escaped form to be seen.
  static func inline(_ text: String) -> String {
    let plain = !text.isEmpty && !text.containsText("`") && text.first?.isWhitespace == false && text.last?.isWhitespace == false
    return plain ? "`\(text)`" : text.debugDescription
  }
}

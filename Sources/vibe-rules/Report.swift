import ArgumentParser
import Diagnostics
import ProjectModel
import Rules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `vibe-rules report`: the requirement matrix.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Print the requirement matrix: one row per requirement (per config env where they differ).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, json, sarif, junit
  }

  @OptionGroup var inputs: ProjectInputs

  @Option(help: "How to print the matrix: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: Format = .table

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  func run() throws {
    let project = try inputs.load()
    let matrix = try Evaluation.matrix(for: project)
    let text: String
    let colour = format == .table && output == nil && Terminal.wantsColour
    switch format {
    case .table:
      text = TableRenderer(colour: colour).render(matrix)
    case .markdown:
      text = MarkdownRenderer().render(matrix)
    case .json:
      text = JSONReport(matrix, version: VibeRules.version, scenarios: project.environments.map(\.scenario), template: project.template).rendered()
    case .sarif:
      text = SARIFReport(matrix, version: VibeRules.version, configuration: project.configuration).rendered()
    case .junit:
      text = JUnitReport(matrix).rendered()
    }
    let escape: TerminalSafe.Escape = switch format {
    case .json, .sarif: .json
    case .junit: .xml
    case .table, .markdown: .swift
    }
    try Output.write(text, to: output, sparing: project, colour: colour, escape: escape)
    endProcess(failing: !matrix.isCompliant)
  }
}

/// Runs every rule over a project (waivers checked, `.vibe-rules.yaml` rule settings applied).
enum Evaluation {
  static func matrix(for project: Project) throws(InputError) -> RequirementMatrix {
    try ProjectEvaluation.matrix(for: project)
  }
}

/// Whether standard output is a terminal that wants colour.
enum Terminal {
  static var wantsColour: Bool {
    isatty(STDOUT_FILENO) != 0 && getenv("NO_COLOR") == nil
  }
}

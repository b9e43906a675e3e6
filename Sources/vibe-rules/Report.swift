import ArgumentParser
import Diagnostics
import Foundation
import ProjectModel
import Rules
import TemplateModel

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

  @Option(help: "How to print the matrix.")
  var format: Format = .table

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  /// For a large run (`LargeInput.isLargeRun`) the project is freed before the report is
  /// rendered, where the run's memory peaks: on the 1 MB benchmark template that lowers
  /// the peak by about 4.5 MiB, for 11 ms of freeing. Otherwise it is kept until the
  /// process ends: on this repository's files (about 65 KB) the peak is 26 to 28 MiB
  /// either way, and freeing added 0.75 ms to a 20 ms run. Freeing on another thread was
  /// tried: it costs more memory, each thread's malloc arena keeping its own free pages.
  /// With `--format sarif` or `junit`, an input error still writes a report (`FailedRunLog`).
  func run() throws {
    let colour = format == .table && output == nil && Terminal.wantsColour
    var project: Project?
    let evaluated: Evaluated
    do {
      project = try inputs.load()
      evaluated = try evaluate(project!)
    } catch let error as InputError {
      switch format {
      case .sarif: try FailedRunLog.fail(error, as: .sarif, to: output, sparing: inputs.options)
      case .junit: try FailedRunLog.fail(error, as: .junit, to: output, sparing: inputs.options)
      case .table, .markdown, .json: break
      }
      throw error
    }
    if LargeInput.isLargeRun { project = nil }
    try withExtendedLifetime(project) { try render(evaluated, colour: colour) }
  }

  /// Renders and writes the report, then ends the process (status 1 when a requirement
  /// fails).
  private func render(_ evaluated: Evaluated, colour: Bool) throws -> Never {
    let matrix = evaluated.matrix
    let text: String
    switch format {
    case .table:
      text = TableRenderer(colour: colour, width: output == nil ? Terminal.width : nil).render(matrix)
    case .markdown:
      text = MarkdownRenderer().render(matrix)
    case .json:
      text = JSONReport(matrix, version: VibeRules.version, scenarios: evaluated.scenarios, template: evaluated.template).rendered()
    case .sarif:
      text = SARIFReport(matrix, version: VibeRules.version, configuration: evaluated.configuration).rendered()
    case .junit:
      text = JUnitReport(matrix).rendered()
    }
    let escape: TerminalSafe.Escape = switch format {
    case .json, .sarif: .json
    case .junit: .xml
    case .table, .markdown: .swift
    }
    try Output.write(text, to: output, sparing: evaluated.spared, colour: colour, escape: escape)
    endProcess(failing: !matrix.isCompliant)
  }

  /// What the report is rendered from: the matrix, the files it must not be written to,
  /// and what the JSON and SARIF formats also show.
  private struct Evaluated {
    var matrix: RequirementMatrix
    var spared: [String]
    var scenarios: [Scenario]
    var template: Template?
    var configuration: VibeRulesConfiguration?
  }

  /// The matrix for `project`, and what rendering needs from the project besides.
  private func evaluate(_ project: Project) throws -> Evaluated {
    Evaluated(
      matrix: try Evaluation.matrix(for: project), spared: Output.spared(by: project), scenarios: project.environments.map(\.scenario),
      template: format == .json ? project.template : nil, configuration: project.configuration)
  }
}

/// Runs every rule over a project (waivers checked, `.vibe-rules.yaml` rule settings applied).
enum Evaluation {
  static func matrix(for project: Project) throws(InputError) -> RequirementMatrix {
    try ProjectEvaluation.matrix(for: project)
  }
}

/// Whether standard output is a terminal that wants colour: a terminal, and `NO_COLOR`
/// unset or empty ("when present and not an empty string, prevents the addition of ANSI
/// color", https://no-color.org).
enum Terminal {
  /// The width of the terminal standard output writes to, in columns: `COLUMNS` when it
  /// holds a positive number, blanks around it allowed ("COLUMNS ... the user's preferred
  /// width", environ(7)), else what the terminal reports (ioctl(2) `TIOCGWINSZ`); nil when
  /// standard output is not a terminal or no width is known.
  static var width: Int? {
    guard isatty(STDOUT_FILENO) != 0 else { return nil }
    if let value = getenv("COLUMNS"), let columns = Int(String(cString: value).trimmingCharacters(in: .whitespaces)), columns > 0 {
      return columns
    }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  static var wantsColour: Bool {
    guard isatty(STDOUT_FILENO) != 0 else { return false }
    guard let noColor = getenv("NO_COLOR") else { return true }
    return noColor.pointee == 0
  }
}

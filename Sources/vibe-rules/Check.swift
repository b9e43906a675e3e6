import ArgumentParser
import Diagnostics
import ProjectModel
import Rules

/// `vibe-rules check`: failing and warning findings one per line, for pre-commit hooks and
/// editors: `file:line:column: error|warning: [rule-id] message (requirement 8.2)`.
///
/// `--changed FILE...` (pre-commit passes the staged files) keeps the findings located in
/// those files and the cross-file findings that point at them. `--baseline FILE` (or
/// `baseline:` in `.vibe-rules.yaml`) drops the findings the baseline accepted. Exit status: 1 when a printed finding is an error (or,
/// with no filter, when a requirement fails), 0 otherwise, 2 for an input error.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Print failing and warning findings one per line (for pre-commit hooks and editors).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
  }

  @OptionGroup var inputs: ProjectInputs

  @Option(
    parsing: .upToNextOption,
    help: "Only findings in these files, and the cross-file findings they take part in (pre-commit passes the staged files).")
  var changed: [String] = []

  @Option(help: "Leave out the findings this baseline file accepts (default: baseline in .vibe-rules.yaml, if set; see vibe-rules baseline).")
  var baseline: String?

  @Option(help: "text (one finding per line), json or sarif.")
  var format: Format = .text

  @Option(help: "Write to this file instead of standard output.")
  var output: String?

  /// With `--format sarif`, an input error still writes a SARIF log (`FailedRunLog`).
  func run() throws {
    do {
      try check()
    } catch let error as InputError {
      if format == .sarif { try FailedRunLog.fail(error, as: .sarif, to: output, sparing: inputs.options) }
      throw error
    }
  }

  private func check() throws {
    // A path that names no file (a typo) would select no finding and exit 0: a false
    // all-clear. Pre-commit passes only files that exist.
    for path in changed where FileBytes.size(of: path) == nil && FileBytes.size(of: ArtifactFile.join(inputs.root, path)) == nil {
      throw InputError("--changed \(path): no such file (relative to the current directory or to --root \(inputs.root))", at: nil)
    }
    let project = try inputs.load()
    let matrix = try Evaluation.matrix(for: project)
    let deciding = [project.requirements.source, project.configuration?.file].compactMap { $0 }.map { ArtifactFile.join(inputs.root, $0) }
    let files = changed.isEmpty ? nil : ChangedFiles.selection(changed, root: inputs.root, deciding: deciding)
    // The baseline named by --baseline, else by `baseline:` in .vibe-rules.yaml.
    // (`read` takes the option alone: a name from the configuration is checked as one.)
    let named = baseline != nil || project.configuration?.baseline != nil
    let accepted = named ? Set(try BaselineFile.read(baseline, project: project).findings) : nil
    let select: @Sendable (Finding) -> Bool = { finding in
      (files.map { finding.touches($0) } ?? true) && !(accepted?.contains(finding.baselineKey) ?? false)
    }
    let selected = matrix.reportedFindings.filter { select($0.finding) }
    let text: String
    switch format {
    case .text:
      text = selected.map { $0.line(allEnvironments: matrix.environments) + "\n" }.joined()
    case .json:
      text = JSONReport(matrix, version: VibeRules.version, selected: matrix.findings.filter(select), scenarios: project.environments.map(\.scenario), template: project.template).rendered()
    case .sarif:
      text = SARIFReport(matrix, version: VibeRules.version, configuration: project.configuration, selecting: select).rendered()
    }
    // The baseline read is a checked file too: `--output` must not replace it.
    let spared = Output.spared(by: project) + (named ? [BaselineFile.path(baseline, project: project)] : [])
    try Output.write(text, to: output, sparing: spared, escape: format == .text ? .swift : .json)
    let unfiltered = files == nil && accepted == nil
    endProcess(failing: selected.contains(where: { $0.finding.severity == .error }) || (unfiltered && !matrix.isCompliant))
  }
}

import ArgumentParser
import Diagnostics
import ProjectModel
import Rules

/// `vibe-rules baseline write|check`: accept today's findings, then fail only on new ones.
struct Baseline: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Write or check a baseline of accepted findings, so only new findings fail.",
    subcommands: [BaselineWrite.self, BaselineCheck.self])
}

/// `vibe-rules baseline write`: every current failing and warning finding, by rule, file
/// and logical path.
struct BaselineWrite: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "write", abstract: "Write the current failing and warning findings to the baseline file.")

  @OptionGroup var inputs: ProjectInputs

  @Option(help: "The baseline file, relative to the root (default: baseline in .vibe-rules.yaml, else \(FindingBaseline.defaultFile)).")
  var baseline: String?

  func run() throws {
    let project = try inputs.load()
    let matrix = try Evaluation.matrix(for: project)
    let findings = matrix.reportedFindings
    let file = BaselineFile.path(baseline, project: project)
    try BaselineFile.requireInside(baseline, file: file, project: project)
    let written = FindingBaseline(findings, tool: "vibe-rules \(VibeRules.version)")
    // Errors name where the path came from: the option, `baseline:` of .vibe-rules.yaml
    // (at its line), or the default.
    let configured = baseline == nil ? project.configuration?.baseline : nil
    let option = baseline != nil ? "--baseline" : configured != nil ? "baseline:" : "the baseline file"
    try Output.write(written.rendered(), to: file, option: option, at: configured?.location, sparing: Output.spared(by: project), escape: .json)
    let withoutPath = written.findings.filter { $0.path == nil }.count
    print("wrote \(written.findings.count) finding\(written.findings.count == 1 ? "" : "s") to \(file)" + (withoutPath > 0 ? " (\(withoutPath) without a logical path, keyed by message)" : ""))
  }
}

/// `vibe-rules baseline check`: the findings the baseline does not hold, one per line.
/// Exit status 1 when one of them is an error.
struct BaselineCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Print the findings the baseline does not hold; fail when one is an error.")

  @OptionGroup var inputs: ProjectInputs

  @Option(help: "The baseline file, relative to the root (default: baseline in .vibe-rules.yaml, else \(FindingBaseline.defaultFile)).")
  var baseline: String?

  func run() throws {
    let project = try inputs.load()
    let matrix = try Evaluation.matrix(for: project)
    let current = matrix.reportedFindings
    let accepted = try BaselineFile.read(baseline, project: project)
    let new = accepted.new(in: current)
    for finding in new { print(finding.line(allEnvironments: matrix.environments)) }
    let fixed = accepted.fixed(in: current)
    // Counted as baseline entries (one per rule, file and path), as `write` counts them.
    let held = Set(current.map(\.baselineKey)).subtracting(new.map(\.baselineKey)).count
    print("\(new.count) new finding\(new.count == 1 ? "" : "s"), \(held) accepted by the baseline, \(fixed.count) baseline entr\(fixed.count == 1 ? "y" : "ies") no longer found")
    if new.contains(where: { $0.finding.severity == .error }) { throw ExitCode(1) }
  }
}

/// Where the baseline file is, and reading it.
enum BaselineFile {
  /// The path given, else `baseline:` of `.vibe-rules.yaml`, else the default; relative
  /// to the root unless absolute.
  static func path(_ given: String?, project: Project) -> String {
    let name = given ?? project.configuration?.baseline?.value ?? FindingBaseline.defaultFile
    return ArtifactFile.join(project.root, name)
  }

  /// The baseline is a file of the repository unless named by an absolute path outside
  /// it, as the artifacts are (`ArtifactFile`): the file, or for a file not yet written
  /// its folder, must resolve under the root, or a committed link (`.vibe-rules-baseline.json
  /// -> ~/.aws/credentials`, or a folder `sec -> /etc`) would make `check` read and quote,
  /// and `baseline write` overwrite, a file elsewhere.
  /// - Throws: `InputError` at `baseline:` of `.vibe-rules.yaml` when the name is from
  ///   there (unlocated for `--baseline` and the default), without reading the file.
  /// - Returns: whether the baseline is the repository's (and so was checked).
  @discardableResult
  static func requireInside(_ given: String?, file: String, project: Project) throws(InputError) -> Bool {
    let configured = given == nil ? project.configuration?.baseline : nil
    let name = given ?? configured?.value ?? FindingBaseline.defaultFile
    do throws(InputError) {
      if name.hasPrefix("/") {
        return try ArtifactFile.requireInsideWhenInRepository(file, root: project.root, name: "baseline \(name)")
      } else {
        try ArtifactFile.requireInside(root: project.root, path: file, relative: "baseline \(name)")
        let folder = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
        if ArtifactFile.resolvesOutside(folder.isEmpty ? "/" : folder, root: project.root) {
          throw InputError("baseline \(name) leads outside --root (a symbolic link on its path); vibe-rules reads and writes only the repository's own files", at: nil)
        }
        return true
      }
    } catch {
      throw InputError(error.message, at: configured?.location)
    }
  }

  static func read(_ given: String?, project: Project) throws(InputError) -> FindingBaseline {
    let file = path(given, project: project)
    let checked = try requireInside(given, file: file, project: project)
    // One `stat` decides and names the kind (a second one could see the path changed).
    let kind = FileBytes.kind(of: file)
    guard kind == FileKind.regularFile else {
      if let kind {
        throw InputError("baseline \(file) is \(kind), not a regular file", at: project.configuration?.baseline?.location)
      }
      throw InputError("baseline \(file): no such file (write one with `vibe-rules baseline write`)", at: project.configuration?.baseline?.location)
    }
    return try FindingBaseline.parse(SourceText.read(path: file, inside: checked ? project.root : nil))
  }
}

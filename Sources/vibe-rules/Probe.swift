import ArgumentParser
import Diagnostics
import Foundation
import ProjectModel
import Requirements
import Rules

/// `vibe-rules probe URL [--count N] [--timeout S] [--output evidence.json]`: GETs a
/// health URL N times (`HealthProbe`), prints each status and latency and the verdict on
/// requirement 1.5, and writes the evidence file `report --evidence FILE` reads.
///
/// Plain `http://` only (`https://` is a usage error): requirement 1.5 is about the app's
/// own health endpoint, so the probe measures the container or app directly
/// (`http://127.0.0.1:8501/_stcore/health` after `docker run -p 8501:8501 IMAGE`) or another
/// plain-HTTP endpoint, not TLS at the load balancer.
///
/// Without `--output` the evidence JSON goes to standard output and the summary to
/// standard error. Exit status: 0 when the probe meets 1.5 (or cannot decide it: another
/// path), 1 when it does not, 2 for a usage error.
struct Probe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Measure a health endpoint: status codes and latency, written as evidence for report --evidence.",
    discussion: """
      The only network access vibe-rules makes, to the URL given. Each GET is HTTP/1.1 on a new connection \
      (Connection: close) and does not follow redirects: a 3xx is recorded as that status. Latency runs from \
      the connect to the end of the response headers; every GET ends by --timeout.

      Plain http:// only. Requirement 1.5 is about the app's own health endpoint, so probe the container \
      or app directly (e.g. http://127.0.0.1:8501/_stcore/health after docker run -p 8501:8501 IMAGE) or \
      another plain-HTTP endpoint; https:// (TLS at the load balancer) is refused.
      """)

  @Argument(help: "The health URL, plain http://, e.g. http://127.0.0.1:8501/_stcore/health.")
  var url: String

  // `.unconditional`: `--count -1` reaches `validate()` (its range message) instead of
  // being read as an unknown option and a missing value.
  @Option(parsing: .unconditional, help: "How many GETs, one after the other (1 to 1000).")
  var count: Int = 5

  @Option(parsing: .unconditional, help: "Seconds each GET may take before it counts as timed out (0.1 to 120).")
  var timeout: Double = 5

  @Option(help: "Write the evidence JSON to this file (default: standard output).")
  var output: String?

  @Option(help: "The requirement catalogue for the verdict (default: REQUIREMENTS.md in the current directory, else the built-in one).")
  var requirements: String?

  func validate() throws {
    guard (1...1000).contains(count) else { throw ValidationError("--count must be from 1 to 1000") }
    guard timeout >= 0.1 && timeout <= 120 else { throw ValidationError("--timeout must be from 0.1 to 120 seconds") }
    guard let parsed = URL(string: url) else { throw ValidationError("\(url) is not an http:// URL with a host") }
    if let refusal = HealthProbe.refusal(of: parsed) { throw ValidationError(refusal) }
  }

  func run() throws {
    let catalogue = try catalogue()
    let result = HealthProbe.run(url: URL(string: url)!, count: count, timeout: timeout, tool: "vibe-rules \(VibeRules.version)")
    var evidence = result
    evidence.file = output ?? "(standard output)"
    let verdict = Self.verdict(evidence, catalogue: catalogue)
    let summary = Self.summary(evidence, verdict)
    if let output {
      // It loads no project, so it spares the files a run here reads by default and the
      // catalogue it was given: `--output deploy.sh` once replaced the script.
      try Output.write(result.encoded(), to: output, sparing: ProjectOptions.defaultInputFiles + [requirements].compactMap { $0 }, escape: .json)
      print(summary + "evidence written to \(output); decide 1.5 with: vibe-rules report --evidence \(output)")
    } else {
      for line in summary.split(separator: "\n") { Diagnostic.printLine(String(line)) }
      try Output.write(result.encoded(), to: nil, escape: .json)
    }
    if verdict.status == .fail { throw ExitCode(1) }
  }

  private func catalogue() throws -> RequirementCatalogue {
    try CatalogueFile.load(requirements, root: ".")
  }

  /// The verdict the report would give 1.5 on this evidence alone.
  static func verdict(_ result: HealthProbeResult, catalogue: RequirementCatalogue) -> Verdict {
    var project = Project(root: ".", requirements: catalogue)
    project.healthProbes = [result]
    guard let rule = RuleCatalog.rule("health-probe") else { return .notApplicable("no health-probe rule") }
    return RuleEngine.run([rule], on: project).first?.verdict ?? .notApplicable("requirement 1.5 is not in the catalogue")
  }

  static func summary(_ result: HealthProbeResult, _ verdict: Verdict) -> String {
    var lines = result.samples.enumerated().map { index, sample in
      let outcome = sample.status.map { "HTTP \($0)" } ?? "no answer: \(sample.error ?? "unknown")"
      return String(format: "GET %d: %@ in %.1f ms", index + 1, outcome, sample.milliseconds)
    }
    lines.append(String(format: "%@: p50 %.1f ms, p95 %.1f ms, max %.1f ms", result.display, result.latency.p50, result.latency.p95, result.latency.max))
    let reasons = verdict.status == .fail ? verdict.findings.map(\.message).joined(separator: "; ") : verdict.note
    lines.append("1.5 \(verdict.status.rawValue): \(reasons)")
    return lines.joined(separator: "\n") + "\n"
  }
}

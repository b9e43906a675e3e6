import Diagnostics
import Foundation
import ProjectModel
import Requirements

/// 1.5: the health endpoint answers `status` within `max-latency` — decided only by a
/// probe of a running container or app (`vibe-rules probe URL --output FILE`, then
/// `report --evidence FILE`); without one the row needs evidence, never passes.
struct HealthProbeRule: Rule {
  static let definition = RuleDefinition(
    id: "health-probe",
    requirements: ["1.5"],
    title: "Health endpoint answers 200 within the latency limit",
    rationale: "The load balancer and the container health check call the health path; an answer that is not 200, or slower than their timeout, takes tasks out of service. Only a request to a running app shows it: every probed GET must answer the required status within the limit.",
    scope: .repository, kind: .evidence, artifacts: [.evidence],
    sources: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
      "https://docs.streamlit.io/develop/api-reference/configuration/config.toml",
    ],
    examples: [
      .compliant("no probe evidence given").expecting(.needsEvidence),
      .change("5 GETs all 200, slowest 41 ms", .edit(.evidence, "", probe(["200:3.2", "200:2.9", "200:41.0", "200:3.3", "200:3.0"])), expect: .pass),
      .change("one GET answered 500", .edit(.evidence, "", probe(["200:3.2", "500:2.1", "200:3.0"]))),
      .change("one GET took 2.4 s", .edit(.evidence, "", probe(["200:3.2", "200:2400.0", "200:3.0"]))),
      .change("one GET timed out", .edit(.evidence, "", probe(["200:3.2", "timed out after 5 s:5001.0"]))),
      .change("the probe measured another path", .edit(.evidence, "", probe(["200:3.2"], path: "/")), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let pathValue = context.value("health-path"), let statusValue = context.value("status"), let status = statusValue.integer,
      let limitValue = context.value("max-latency"), let seconds = limitValue.number
    else { return .missingValue("health-path/status/max-latency", of: "1.5") }
    let probes = context.project.healthProbes
    guard !probes.isEmpty else {
      return .needsEvidence("only a running app shows it: run `vibe-rules probe http://HOST:PORT\(pathValue.text) --output FILE` against the container or app, then `report --evidence FILE` (every GET must answer \(status) within \(limitValue.written))")
    }
    return .combining(probes.map { probe in
      verdict(probe, path: pathValue.text, status: status, statusValue: statusValue, milliseconds: seconds * 1000, limitValue: limitValue)
    }, passNote: "every probed GET answered \(status) within \(limitValue.written)")
  }

  private func verdict(_ probe: HealthProbeResult, path: String, status: Int, statusValue: RequirementValue, milliseconds limit: Double, limitValue: RequirementValue) -> Verdict {
    let written = limitValue.written
    let source = "\(probe.display), by \(probe.tool), evidence \(probe.file)"
    guard probe.path == path else {
      return .needsEvidence("the probe measured \(probe.path.isEmpty ? "/" : probe.path), not \(path) (\(source))", evidence: [.start(of: probe.file)])
    }
    let latency = "p50 \(Self.ms(probe.latency.p50)), p95 \(Self.ms(probe.latency.p95)), max \(Self.ms(probe.latency.max))"
    var findings: [Finding] = []
    let wrong = probe.failures(expecting: status)
    if !wrong.isEmpty {
      let outcomes = Dictionary(grouping: wrong) { $0.status.map { "answered \($0)" } ?? $0.error ?? "no answer" }
        .sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key)" }.joined(separator: ", ")
      findings.append(.error("\(wrong.count) of \(probe.count) GETs did not answer \(status) (\(outcomes)); requirement 1.5 (\(Self.declared(statusValue))) requires \(status) (\(source))", at: .start(of: probe.file)))
    }
    let slow = probe.samples.filter { $0.milliseconds > limit }
    if !slow.isEmpty {
      findings.append(.error("\(slow.count) of \(probe.count) GETs took longer than \(written) (\(latency)); requirement 1.5 (\(Self.declared(limitValue))) allows at most \(written) (\(source))", at: .start(of: probe.file)))
    }
    return Verdict(findings: findings, passNote: "\(probe.count)/\(probe.count) GETs answered \(status) within \(written) (\(latency); \(source))", evidence: [.start(of: probe.file)])
  }

  /// "REQUIREMENTS.md:73": where a value is declared.
  static func declared(_ value: RequirementValue) -> String { "\(value.location.file):\(value.location.line)" }

  /// "3.2 ms".
  static func ms(_ value: Double) -> String { value.fixedPointText(fractionDigits: 1) + " ms" }

  /// A probe evidence file for examples: each sample "STATUS:MS" or "ERROR:MS".
  static func probe(_ samples: [String], path: String = "/_stcore/health") -> String {
    let parsed = samples.map { text -> HealthProbeResult.Sample in
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      let milliseconds = Double(parts.last ?? "") ?? 0
      let head = parts.dropLast().joined(separator: ":")
      return Int(head).map { HealthProbeResult.Sample(status: $0, milliseconds: milliseconds) }
        ?? HealthProbeResult.Sample(status: nil, error: head, milliseconds: milliseconds)
    }
    return HealthProbeResult(url: "http://127.0.0.1:8501\(path)", measuredAt: "2026-11-29T14:00:00Z", timeoutSeconds: 5, tool: "vibe-rules 0.1.0", samples: parsed).encoded(pretty: false)
  }
}

import Diagnostics
import Foundation
@testable import ProjectModel
import Requirements
import Testing
@testable import Rules

/// `HealthProbe` against local servers that answer 200, answer 500, hang, refuse or do
/// not speak HTTP — each a clear verdict, never a hang — and the evidence file it writes
/// deciding 1.5 in the report, named in every output format.
@Suite(.timeLimit(.minutes(2))) struct HealthProbeTests {
  /// The verdict on 1.5 of a project that has `probe` as its only evidence.
  static func verdict(_ probe: HealthProbeResult) -> Verdict {
    var project = Project(root: ".", requirements: .builtIn)
    project.healthProbes = [probe]
    return RuleEngine.run([HealthProbeRule()], on: project)[0].verdict
  }

  static func url(_ port: UInt16, _ path: String = "/_stcore/health") -> URL {
    URL(string: "http://127.0.0.1:\(port)\(path)")!
  }

  @Test func answers200() throws {
    let server = try LocalServer(.status(200))
    defer { server.stop() }
    let probe = HealthProbe.run(url: Self.url(server.port), count: 3, timeout: 5, tool: "test")
    #expect(probe.samples.map(\.status) == [200, 200, 200])
    #expect(probe.samples.allSatisfy { $0.milliseconds > 0 && $0.error == nil })
    #expect(probe.count == 3)
    #expect(probe.latency.max == probe.samples.map(\.milliseconds).max())
    let verdict = Self.verdict(probe)
    // Decided by the measured figures, whatever this machine's speed.
    #expect(verdict.status == (probe.latency.max <= 2000 ? .pass : .fail))
    #expect(verdict.note.contains(probe.url) || verdict.findings.contains { $0.message.contains(probe.url) })
  }

  @Test func answers500() throws {
    let server = try LocalServer(.status(500))
    defer { server.stop() }
    let probe = HealthProbe.run(url: Self.url(server.port), count: 2, timeout: 5, tool: "test")
    #expect(probe.samples.map(\.status) == [500, 500])
    let verdict = Self.verdict(probe)
    #expect(verdict.status == .fail)
    #expect(verdict.findings.first?.message.hasPrefix("2 of 2 GETs did not answer 200 (2 answered 500)") == true)
  }

  @Test func hangsUntilTheTimeout() throws {
    let server = try LocalServer(.hang)
    defer { server.stop() }
    let probe = HealthProbe.run(url: Self.url(server.port), count: 2, timeout: 1, tool: "test")
    #expect(probe.samples.map(\.status) == [nil, nil])
    #expect(probe.samples.allSatisfy { $0.error == "timed out after 1 s" })
    let verdict = Self.verdict(probe)
    #expect(verdict.status == .fail)
    #expect(verdict.findings.first?.message.hasPrefix("2 of 2 GETs did not answer 200 (2 timed out after 1 s)") == true)
  }

  @Test func connectionRefused() throws {
    let port = try LocalServer.refusingPort()
    let probe = HealthProbe.run(url: Self.url(port), count: 2, timeout: 2, tool: "test")
    #expect(probe.samples.map(\.status) == [nil, nil])
    #expect(probe.samples.allSatisfy { $0.error == "connection refused" })
    #expect(Self.verdict(probe).status == .fail)
  }

  @Test func answerThatIsNotHTTP() throws {
    let server = try LocalServer(.notHTTP)
    defer { server.stop() }
    let probe = HealthProbe.run(url: Self.url(server.port), count: 1, timeout: 2, tool: "test")
    #expect(probe.samples.first?.status == nil)
    #expect(probe.samples.first?.error?.isEmpty == false)
    #expect(Self.verdict(probe).status == .fail)
  }

  @Test func redirectsAreRecordedNotFollowed() throws {
    let server = try LocalServer(.status(301))
    defer { server.stop() }
    let probe = HealthProbe.run(url: Self.url(server.port), count: 1, timeout: 2, tool: "test")
    #expect(probe.samples.first?.status == 301)
  }

  /// Nearest-rank percentiles, worked by hand: sorted 1…10, p50 = 5th, p95 = 10th.
  @Test func percentiles() {
    let latency = HealthProbeResult.Latency([10, 3, 7, 1, 9, 2, 8, 4, 6, 5])
    #expect(latency.p50 == 5)
    #expect(latency.p95 == 10)
    #expect(latency.max == 10)
    let twenty = HealthProbeResult.Latency((1...20).map(Double.init))
    #expect(twenty.p95 == 19)
  }

  @Test func slowAnswersFailTheLatencyLimit() {
    let probe = HealthProbeResult(url: "http://127.0.0.1:8501/_stcore/health", measuredAt: "2026-11-29T14:00:00Z", timeoutSeconds: 5, tool: "test",
                                  samples: [.init(status: 200, milliseconds: 1999.9), .init(status: 200, milliseconds: 2000.0), .init(status: 200, milliseconds: 2000.1)])
    let verdict = Self.verdict(probe)
    #expect(verdict.status == .fail)
    #expect(verdict.findings.map(\.message).first?.hasPrefix("1 of 3 GETs took longer than 2 s") == true)
  }

  /// The evidence file round-trips, and a file that is not probe evidence is an input
  /// error at the file.
  @Test func evidenceFile() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let probe = HealthProbeResult(url: "http://127.0.0.1:8501/_stcore/health", measuredAt: "2026-11-29T14:00:00Z", timeoutSeconds: 5, tool: "test",
                                  samples: [.init(status: 200, milliseconds: 4), .init(status: nil, error: "connection refused", milliseconds: 1)])
    var read = try HealthProbeResult.parse(SourceText(file: "e.json", text: probe.encoded()))
    #expect(read.file == "e.json")
    read.file = ""
    #expect(read == probe)
    for (text, message) in [
      (#"{"kind": "other"}"#, "not a vibe-rules probe result"),
      (probe.encoded().replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 7"), "probe evidence version 7 is not supported"),
      (probe.encoded().replacingOccurrences(of: "vibe-rules.health-probe", with: "vibe-rules.other"), "evidence kind \"vibe-rules.other\""),
      (probe.encoded().replacingOccurrences(of: "\"milliseconds\" : 4", with: "\"milliseconds\" : -4"), "sample 1 has latency -4.0 ms"),
      (probe.encoded().replacingOccurrences(of: "\"status\" : 200", with: "\"status\" : 2000"), "sample 1 has status 2000, which is not an HTTP status code"),
    ] {
      let error = #expect(throws: InputError.self) { try HealthProbeResult.parse(SourceText(file: "e.json", text: text)) }
      #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
      #expect(error?.location == .start(of: "e.json"))
    }
    let copy = try RepositoryCopy()
    defer { copy.remove() }
    let unknown = try scratch.write("unknown.json", #"{"status": 200}"#)
    let error = #expect(throws: InputError.self) { _ = try copy.load { $0.evidence = [unknown] } }
    #expect(error?.message.hasPrefix("not evidence vibe-rules reads") == true)
  }

  /// `report --evidence FILE`: the row of 1.5 names the URL, the time and the file in
  /// the table and in the JSON report.
  @Test func reportNamesTheEvidence() throws {
    let server = try LocalServer(.status(200))
    defer { server.stop() }
    let probe = HealthProbe.run(url: Self.url(server.port), count: 2, timeout: 5, tool: "vibe-rules test")
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let file = try scratch.write("probe.json", probe.encoded())
    let copy = try RepositoryCopy()
    defer { copy.remove() }
    let project = try copy.load { $0.evidence = [file] }
    let matrix = RequirementMatrix(
      catalogue: project.requirements, results: RuleEngine.run(RuleCatalog.all, on: project),
      environments: project.environments.map(\.scenario.environment), waivers: project.waivers)
    let row = try #require(matrix.rows.first { $0.requirement.id == "1.5" })
    #expect(row.status == (probe.latency.max <= 2000 ? .pass : .fail))
    #expect(row.evidence.contains(.start(of: file)) || row.findings.contains { $0.location == .start(of: file) })
    let table = TableRenderer(colour: false).render(matrix)
    let json = JSONReport(matrix, version: "test").rendered()
    for text in [table, json] {
      #expect(text.contains(probe.url))
      #expect(text.contains(probe.measuredAt))
      #expect(text.contains(file))
    }
  }

  /// Without probe evidence, 1.5 needs evidence and says how to get it.
  @Test func noEvidenceNeedsEvidence() {
    let verdict = RuleEngine.run([HealthProbeRule()], on: Project(root: ".", requirements: .builtIn))[0].verdict
    #expect(verdict.status == .needsEvidence)
    #expect(verdict.note.contains("vibe-rules probe"))
  }
}

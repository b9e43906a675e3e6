import Diagnostics
import Foundation

/// What `vibe-rules probe` measured: N GETs of one URL, each with its HTTP status (or the
/// error that replaced it) and its latency. Written as the evidence file that
/// `report --evidence FILE` reads for requirement 1.5.
///
/// File shape (JSON):
/// ```json
/// {"kind": "vibe-rules.health-probe", "version": 1, "url": "http://127.0.0.1:8501/_stcore/health",
///  "measuredAt": "2026-11-29T14:00:00Z", "count": 5, "timeoutSeconds": 5, "tool": "vibe-rules 0.1.0",
///  "samples": [{"status": 200, "milliseconds": 3.1}, {"error": "timed out after 5 s", "milliseconds": 5001.2}],
///  "latency": {"p50": 3.1, "p95": 5001.2, "max": 5001.2}}
/// ```
/// `latency` summarises the samples for readers; rules recompute from `samples`.
public struct HealthProbeResult: Sendable, Codable, Equatable {
  public static let kind = "vibe-rules.health-probe"
  public static let version = 1

  /// One GET.
  public struct Sample: Sendable, Codable, Equatable {
    /// The HTTP status code; nil when no response came (`error` says why).
    public var status: Int?
    /// Why there is no status: refused, timed out, not HTTP.
    public var error: String?
    /// From sending the request to the end of the response (or the error), milliseconds.
    public var milliseconds: Double

    public init(status: Int?, error: String? = nil, milliseconds: Double) {
      self.status = status
      self.error = error
      self.milliseconds = milliseconds
    }
  }

  /// Latency percentiles (nearest rank) and maximum, milliseconds.
  public struct Latency: Sendable, Codable, Equatable {
    public var p50: Double
    public var p95: Double
    public var max: Double

    /// Nearest-rank percentiles of `milliseconds`: the value at rank ⌈q·n⌉ of the sorted list.
    public init(_ milliseconds: [Double]) {
      let sorted = milliseconds.sorted()
      func rank(_ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[Swift.max(Int((q * Double(sorted.count)).rounded(.up)) - 1, 0)]
      }
      p50 = rank(0.50)
      p95 = rank(0.95)
      max = sorted.last ?? 0
    }
  }

  public var kind: String = Self.kind
  public var version: Int = Self.version
  public var url: String
  /// When the probe started, ISO 8601 UTC.
  public var measuredAt: String
  public var count: Int
  public var timeoutSeconds: Double
  /// The program that measured ("vibe-rules 0.1.0").
  public var tool: String
  public var samples: [Sample]
  public var latency: Latency
  /// The evidence file it was read from (display name); not part of the file.
  public var file: String = ""

  enum CodingKeys: String, CodingKey { case kind, version, url, measuredAt, count, timeoutSeconds, tool, samples, latency }

  public init(url: String, measuredAt: String, timeoutSeconds: Double, tool: String, samples: [Sample]) {
    self.url = url
    self.measuredAt = measuredAt
    self.count = samples.count
    self.timeoutSeconds = timeoutSeconds
    self.tool = tool
    self.samples = samples
    self.latency = Latency(samples.map(\.milliseconds))
  }

  /// The path of the probed URL (`/_stcore/health`), or "" when it has none.
  public var path: String {
    guard let components = URLComponents(string: url) else { return "" }
    return components.path
  }

  /// Samples that did not answer with `status`.
  public func failures(expecting status: Int) -> [Sample] { samples.filter { $0.status != status } }

  /// "GET http://…/_stcore/health ×5 at 2026-11-29T14:00:00Z": what, how often, when.
  public var display: String { "GET \(url) ×\(count) at \(measuredAt)" }

  /// The JSON text of the evidence file (one line unless `pretty`).
  public func encoded(pretty: Bool = true) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(self)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads an evidence file written by `vibe-rules probe`.
  /// - Throws: `InputError` when the JSON is not a probe result of a known version, or
  ///   has no samples.
  public static func parse(_ source: SourceText) throws(InputError) -> HealthProbeResult {
    var result: HealthProbeResult
    do {
      result = try JSONDecoder().decode(HealthProbeResult.self, from: Data(source.text.utf8))
    } catch {
      throw InputError("not a vibe-rules probe result (\(Self.describe(error)))", at: .start(of: source.file))
    }
    guard result.kind == kind else {
      throw InputError("evidence kind \"\(result.kind)\" is not \(kind)", at: .start(of: source.file))
    }
    guard result.version == version else {
      throw InputError("probe evidence version \(result.version) is not supported (this vibe-rules reads version \(version))", at: .start(of: source.file))
    }
    guard !result.samples.isEmpty else {
      throw InputError("the probe result has no samples", at: .start(of: source.file))
    }
    // What `vibe-rules probe` writes: HTTP status codes 100-599 and latencies that are
    // finite and not negative. Anything else was edited by hand or by another tool.
    for (index, sample) in result.samples.enumerated() {
      if let status = sample.status, !(100...599).contains(status) {
        throw InputError("sample \(index + 1) has status \(status), which is not an HTTP status code (100-599)", at: .start(of: source.file))
      }
      guard sample.milliseconds.isFinite, sample.milliseconds >= 0 else {
        throw InputError("sample \(index + 1) has latency \(sample.milliseconds) ms; a latency is a duration of 0 ms or more", at: .start(of: source.file))
      }
    }
    result.count = result.samples.count
    result.latency = Latency(result.samples.map(\.milliseconds))
    result.file = source.file
    return result
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context): context.debugDescription
    default: "\(error)"
    }
  }
}

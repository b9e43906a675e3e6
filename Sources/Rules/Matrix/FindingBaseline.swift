import Diagnostics
import Foundation

/// The findings a team accepted when it adopted vibe-rules, so that only new findings fail
/// (`vibe-rules baseline write|check`, `check --baseline`).
///
/// A finding is remembered by rule, file and the logical path of the offending value
/// (`Resources/TaskSecurityGroup/Properties/SecurityGroupIngress/0`), never by line, so
/// edits elsewhere in the file do not turn old findings into new ones. A finding whose
/// rule gives no logical path is remembered by rule, file and message instead; such an
/// entry stops matching when the message changes (it names the values it found).
///
/// File format (JSON): `{"version": 1, "tool": "vibe-rules 0.1.0", "findings": [{"rule",
/// "file", "path"} or {"rule", "file", "message"}]}`, sorted, one entry per key.
public struct FindingBaseline: Codable, Sendable, Equatable {
  public static let version = 1
  public static let defaultFile = ".vibe-rules-baseline.json"

  public var version: Int
  public var tool: String
  public var findings: [BaselineKey]

  public init(_ findings: [ReportedFinding], tool: String) {
    version = Self.version
    self.tool = tool
    self.findings = Array(Set(findings.map(\.baselineKey))).sorted()
  }

  /// The findings of `current` the baseline does not hold.
  public func new(in current: [ReportedFinding]) -> [ReportedFinding] {
    let known = Set(findings)
    return current.filter { !known.contains($0.baselineKey) }
  }

  /// Baseline entries no current finding matches (fixed since the baseline was written).
  public func fixed(in current: [ReportedFinding]) -> [BaselineKey] {
    let present = Set(current.map(\.baselineKey))
    return findings.filter { !present.contains($0) }
  }

  /// Pretty-printed JSON with sorted keys, ending in a newline.
  public func rendered() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads a baseline file.
  /// - Throws: `InputError` at 1:1 of the file when it is not a baseline of this version.
  public static func parse(_ source: SourceText) throws(InputError) -> FindingBaseline {
    let baseline: FindingBaseline
    do {
      baseline = try JSONDecoder().decode(FindingBaseline.self, from: Data(source.text.utf8))
    } catch {
      throw InputError("not a vibe-rules baseline (write one with `vibe-rules baseline write`): \(Self.describe(error))", at: .start(of: source.file))
    }
    guard baseline.version == version else {
      throw InputError("baseline version \(baseline.version) is not supported (expected \(version)); write it again", at: .start(of: source.file))
    }
    return baseline
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      "missing \"\(key.stringValue)\"" + (context.codingPath.isEmpty ? "" : " at " + context.codingPath.map(\.stringValue).joined(separator: "."))
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.dataCorrupted:
      "the file is not valid JSON"
    default:
      "\(error)"
    }
  }
}

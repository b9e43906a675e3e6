import Diagnostics
import Requirements

/// A decision, written in the checked files, to accept a failing finding: which rule or
/// requirement it covers, where, why, and until when.
///
/// Written as (1) template resource Metadata:
/// `Metadata: {vibe-rules: {waive: [{requirement: "4.4", reason: "...", expires: 2027-01-31}]}}`
/// — it covers findings located inside that resource; (2) a Dockerfile comment on the line
/// before an instruction: `# vibe-rules waive=non-root-uid reason="..." expires=2027-01-31`
/// — it covers findings located in that instruction. A reason is mandatory; an expired
/// waiver stops waiving and says so.
public struct Waiver: Hashable, Sendable {
  public enum Target: Hashable, Sendable, CustomStringConvertible {
    case rule(String)
    case requirement(RequirementID)

    public var description: String {
      switch self {
      case .rule(let id): "rule \(id)"
      case .requirement(let id): "requirement \(id)"
      }
    }
  }

  public var target: Target
  public var reason: String
  /// The last day the waiver applies (inclusive), as `YYYY-MM-DD`.
  public var expires: String?
  /// Where the waiver is written.
  public var location: SourceLocation
  /// The file and lines whose findings it covers (nil lines: the whole file).
  public var file: String
  public var lines: ClosedRange<Int>?
  /// True for a waiver written in `.vibe-rules.yaml`: it covers its rule or requirement
  /// wherever the finding is.
  public var coversEveryFile = false
  /// The config envs it applies in; empty: every env.
  public var environments: [String] = []

  /// Whether the waiver covers a finding of `rule` (deciding `requirements`) at `location`.
  public func covers(rule: String, requirements: [RequirementID], at location: SourceLocation, environment: String?) -> Bool {
    guard coversEveryFile || (location.file == file && lines.map({ $0.contains(location.line) }) ?? true) else { return false }
    if !environments.isEmpty, let environment, !environments.contains(environment) { return false }
    switch target {
    case .rule(let id): return id == rule
    case .requirement(let id): return requirements.contains(id)
    }
  }

  /// Whether the waiver has expired on `today` (`YYYY-MM-DD`; ISO dates compare as text).
  public func isExpired(on today: String) -> Bool {
    guard let expires else { return false }
    return expires < today
  }

  /// Reads a `YYYY-MM-DD` date, nil if malformed.
  static func isoDate(_ text: String) -> String? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
    else { return nil }
    return text
  }

  /// Days in `month` (1-12) of `year` in the proleptic Gregorian calendar (ISO 8601).
  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

import Diagnostics

/// One acceptance criterion of REQUIREMENTS.md.
public struct Requirement: Sendable {
  /// How a criterion can be decided (from REQUIREMENTS.md's `Kind:` line).
  public enum Kind: String, Sendable, CaseIterable {
    /// Decidable from the files.
    case `static`
    /// Needs an artefact of a build or a run (image metadata, a probe result).
    case evidence
    /// AWS does it once a named configuration exists; the rule checks the configuration.
    case inherent
    /// Computed from the files with a model (the cost model).
    case computed
  }

  public var id: RequirementID
  public var title: String
  public var groupTitle: String
  /// The prose under the heading.
  public var text: String
  public var kind: Kind
  /// False when REQUIREMENTS.md says `Waivable: no`.
  public var isWaivable: Bool
  /// The values the criterion fixes, by key.
  public var values: [String: RequirementValue]
  /// Where the heading is written.
  public var location: SourceLocation
}

/// A value a criterion fixes (`container-port: 8501`), typed by its key and located where
/// it is declared, so a finding can say "REQUIREMENTS.md:41 requires 8000".
public struct RequirementValue: Hashable, Sendable {
  public enum Quantity: Hashable, Sendable {
    case integer(Int)
    /// Seconds.
    case duration(Double)
    case days(Int)
    /// Bytes (from MB = 10^6 bytes or MiB = 2^20 bytes).
    case bytes(Double)
    /// ECS CPU units (1024 per vCPU).
    case cpuUnits(Int)
    /// Mebibytes of memory.
    case mebibytes(Int)
    case percent(Double)
    /// US dollars.
    case dollars(Double)
    case text(String)
    case list([String])
    /// A dotted version, as numbers (`1.100` → [1, 100]).
    case version([Int])
  }

  public var key: String
  public var quantity: Quantity
  /// The value as written (`7 days`).
  public var written: String
  public var location: SourceLocation

  /// The value as a whole number, nil when it is not one or lies outside -2^31 ... 2^31-1
  /// (a grace period of 10^20 s is no value a rule can compute with; within that range
  /// the rules' products and sums stay within 64 bits).
  public var integer: Int? {
    let whole: Int? = switch quantity {
    case .integer(let value), .days(let value), .cpuUnits(let value), .mebibytes(let value): value
    case .duration(let seconds): Int(exactly: seconds)
    case .percent(let value), .dollars(let value): Int(exactly: value)
    default: nil
    }
    guard let whole, (-(1 << 31)...((1 << 31) - 1)).contains(whole) else { return nil }
    return whole
  }

  public var number: Double? {
    switch quantity {
    case .integer(let value), .days(let value), .cpuUnits(let value), .mebibytes(let value): Double(value)
    case .duration(let value), .bytes(let value), .percent(let value), .dollars(let value): value
    default: nil
    }
  }

  public var text: String {
    switch quantity {
    case .text(let text): text
    case .list(let items): items.joined(separator: ", ")
    default: written
    }
  }

  public var list: [String] {
    if case .list(let items) = quantity { return items }
    return [text]
  }

  public var version: [Int]? {
    if case .version(let parts) = quantity { return parts }
    return nil
  }

  public init(key: String, quantity: Quantity, written: String, location: SourceLocation) {
    self.key = key
    self.quantity = quantity
    self.written = written
    self.location = location
  }

  /// "8501 (REQUIREMENTS.md:41)": the value and where it is declared, for messages.
  public var cited: String { "\(written) (\(location.file):\(location.line))" }
}

import Diagnostics

/// The type of each value key REQUIREMENTS.md may declare, and how its text is read.
///
/// A key not listed here, or a value of the wrong unit (`retention: 7 weeks`), is an
/// input error at the value's line: rules read values by key, so a typo must not pass
/// silently.
public enum RequirementValueKind: String, Sendable, CaseIterable {
  case integer, port, duration, days, imageSize, cpu, memory, percent, money, text, list, version

  /// Every key rules read, with its kind.
  public static let keys: [String: RequirementValueKind] = [
    "base-image": .text, "min-stages": .integer, "max-image-size": .imageSize, "uid": .integer,
    "container-port": .port, "health-path": .text, "max-latency": .duration, "status": .integer,
    "environment-variable": .text, "labels": .list, "keep-images": .integer, "moving-tag": .text,
    "tag-mutability": .text, "capacity-providers": .list, "preferred-provider": .text,
    "base-provider": .text, "base-count": .integer, "min-availability-zones": .integer,
    "cpu": .cpu, "memory": .memory, "log-group": .text, "http-port": .port, "https-port": .port,
    "redirect-status": .text, "interval": .duration, "unhealthy-threshold": .integer,
    "healthy-threshold": .integer, "desired-count": .integer, "replacement-time": .duration,
    "minimum-healthy-percent": .percent, "maximum-percent": .percent, "grace-period": .duration,
    "min-tasks": .integer, "max-tasks": .integer, "target-cpu": .percent,
    "scale-out-cooldown": .duration, "scale-in-cooldown": .duration, "public-ports": .list,
    "public-cidr": .text, "egress-port": .port, "retention": .days, "healthy-host-threshold": .integer,
    "response-time-threshold": .duration, "evaluation-periods": .integer, "parameters": .list,
    "environments": .list, "tags": .list, "tools": .list, "sam-min-version": .version,
    "stable-timeout": .duration, "budget": .money, "tasks": .integer, "load-balancer-type": .text,
  ]

  /// What a value of this kind looks like, for messages.
  public var expectedForm: String {
    switch self {
    case .integer: "a whole number (2)"
    case .port: "a port number from 1 to 65535 (8501)"
    case .duration: "a duration in ms, s, min or h (60 s)"
    case .days: "a number of days (7 days)"
    case .imageSize: "a size in MB or MiB (500 MB)"
    case .cpu: "CPU units or vCPU (512 units, 0.5 vCPU)"
    case .memory: "memory in MiB, or GiB or GB as ECS reads them (1024 MiB, 1 GB)"
    case .percent: "a percentage (70 %)"
    case .money: "an amount in USD (60 USD or $60)"
    case .text: "text"
    case .list: "a comma-separated list"
    case .version: "a dotted version (1.100)"
    }
  }

  /// Reads `text` as this kind; nil if it does not fit.
  public func read(_ text: String) -> RequirementValue.Quantity? {
    let (number, unit) = Self.split(text)
    switch self {
    case .text: return text.isEmpty ? nil : .text(text)
    case .list:
      let items = text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
      return items.isEmpty ? nil : .list(items)
    case .version:
      let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
      return parts.isEmpty || parts.contains(nil) ? nil : .version(parts.compactMap { $0 })
    case .integer:
      guard let number, unit.isEmpty, let value = Int(exactly: number) else { return nil }
      return .integer(value)
    case .port:
      guard let number, unit.isEmpty, let value = Int(exactly: number), (1...65535).contains(value) else { return nil }
      return .integer(value)
    case .duration:
      guard let number, number >= 0 else { return nil }
      switch unit {
      case "ms": return .duration(number / 1000)
      case "s", "sec", "second", "seconds": return .duration(number)
      case "min", "minute", "minutes": return .duration(number * 60)
      case "h", "hour", "hours": return .duration(number * 3600)
      default: return nil
      }
    case .days:
      guard let number, let value = Int(exactly: number), ["day", "days", "d"].contains(unit) else { return nil }
      return .days(value)
    case .imageSize:
      guard let number else { return nil }
      switch unit {
      case "MB": return .bytes(number * 1_000_000)
      case "MiB": return .bytes(number * 1_048_576)
      case "GB": return .bytes(number * 1_000_000_000)
      case "GiB": return .bytes(number * 1_073_741_824)
      default: return nil
      }
    case .cpu:
      guard let number else { return nil }
      switch unit {
      case "units", "unit", "": return Int(exactly: number).map { .cpuUnits($0) }
      case "vCPU", "vcpu": return Int(exactly: number * 1024).map { .cpuUnits($0) }
      default: return nil
      }
    case .memory:
      guard let number else { return nil }
      switch unit {
      case "MiB": return Int(exactly: number).map { .mebibytes($0) }
      // ECS reads a task's memory written in GB ("1GB", "1 GB") as 1024 MiB per GB.
      // Reference: "RegisterTaskDefinition: memory",
      // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
      case "GiB", "GB": return Int(exactly: number * 1024).map { .mebibytes($0) }
      default: return nil
      }
    case .percent:
      guard let number, unit == "%" else { return nil }
      return .percent(number)
    case .money:
      if text.hasPrefix("$"), let value = Double(text.dropFirst().trimmed) { return .dollars(value) }
      guard let number, unit == "USD" else { return nil }
      return .dollars(number)
    }
  }

  /// `"60 s"` → (60, "s"); `"70%"` → (70, "%"); `"x"` → (nil, "x").
  private static func split(_ text: String) -> (Double?, String) {
    let digits = text.prefix { $0.isNumber || $0 == "." || $0 == "-" }
    let unit = text.dropFirst(digits.count).trimmed
    return (Double(digits), unit)
  }
}

extension StringProtocol {
  /// Without leading spaces and tabs and trailing spaces, tabs and carriage returns, by
  /// grapheme cluster (a space joined to a combining mark or after a prepended character
  /// stays). Trimmed over Unicode scalars (index arithmetic, not reversed copies or
  /// grapheme breaking: this runs for every catalogue line); a blank and its neighbour
  /// share a cluster only when the neighbour is not ASCII (UAX #29 GB9 to GB9b), so only
  /// then is the trim redone by `Character`.
  var trimmed: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
      let last = scalars[first...].lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" })
    else { return "" }
    let end = scalars.index(after: last)
    if (first == scalars.startIndex || scalars[first].isASCII) && (end == scalars.endIndex || scalars[last].isASCII) {
      return String(self[first..<end])
    }
    guard let start = firstIndex(where: { $0 != " " && $0 != "\t" }),
      let final = self[start...].lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" })
    else { return "" }
    return String(self[start...final])
  }
}

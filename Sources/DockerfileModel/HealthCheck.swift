/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD <command>`.
///
/// See "HEALTHCHECK" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#healthcheck).
public enum HealthCheckInstruction: Sendable, Hashable {
  /// Disables any health check inherited from the base image.
  case none
  case check(HealthCheck)
}

/// A health check command and its options.
///
/// Durations are in seconds, nil when the option was not given. The reference's defaults
/// apply to an option that is absent or 0: interval 30 s, timeout 30 s, start period 0 s,
/// start interval 5 s, retries 3; the `effective…` properties apply them. A shell-form
/// command is what Docker stores as `CMD-SHELL`.
public struct HealthCheck: Sendable, Hashable {
  public var command: CommandForm
  public var interval: Double?
  public var timeout: Double?
  public var startPeriod: Double?
  public var startInterval: Double?
  public var retries: Int?

  public init(command: CommandForm, interval: Double? = nil, timeout: Double? = nil, startPeriod: Double? = nil, startInterval: Double? = nil, retries: Int? = nil) {
    self.command = command
    self.interval = interval
    self.timeout = timeout
    self.startPeriod = startPeriod
    self.startInterval = startInterval
    self.retries = retries
  }

  public var effectiveInterval: Double { Self.orDefault(interval, 30) }
  public var effectiveTimeout: Double { Self.orDefault(timeout, 30) }
  public var effectiveStartPeriod: Double { Self.orDefault(startPeriod, 0) }
  public var effectiveStartInterval: Double { Self.orDefault(startInterval, 5) }
  public var effectiveRetries: Int { (retries ?? 0) == 0 ? 3 : retries ?? 3 }

  private static func orDefault(_ value: Double?, _ fallback: Double) -> Double {
    guard let value, value != 0 else { return fallback }
    return value
  }
}

/// Go's `time.ParseDuration`, which BuildKit uses for the HEALTHCHECK options.
///
/// Shape: an optional sign, then one or more decimal numbers each followed by a unit
/// (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), e.g. `30s`, `1m30s`, `1.5h`; a bare `0`
/// is allowed. Returns seconds, or nil if the text is not a duration.
enum GoDuration {
  static func seconds(_ text: String) -> Double? {
    var scalars = Array(text.unicodeScalars)[...]
    var negative = false
    if let sign = scalars.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      scalars = scalars.dropFirst()
    }
    if scalars.elementsEqual("0".unicodeScalars) { return 0 }
    guard !scalars.isEmpty else { return nil }
    var total = 0.0
    while !scalars.isEmpty {
      let integer = scalars.prefix(while: Scalars.isASCIIDigit)
      scalars = scalars.dropFirst(integer.count)
      var fraction: ArraySlice<Unicode.Scalar> = []
      if scalars.first == "." {
        scalars = scalars.dropFirst()
        fraction = scalars.prefix(while: Scalars.isASCIIDigit)
        scalars = scalars.dropFirst(fraction.count)
      }
      guard !integer.isEmpty || !fraction.isEmpty else { return nil }
      let unit = scalars.prefix(while: { !Scalars.isASCIIDigit($0) && $0 != "." })
      scalars = scalars.dropFirst(unit.count)
      let factor: Double
      switch Scalars.string(unit) {
      case "ns": factor = 1e-9
      case "us", "\u{00B5}s", "\u{03BC}s": factor = 1e-6
      case "ms": factor = 1e-3
      case "s": factor = 1
      case "m": factor = 60
      case "h": factor = 3600
      default: return nil
      }
      guard let value = Double(Scalars.string(integer.isEmpty ? ["0"] : integer) + "." + Scalars.string(fraction.isEmpty ? ["0"] : fraction)) else { return nil }
      total += value * factor
    }
    return negative ? -total : total
  }
}

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

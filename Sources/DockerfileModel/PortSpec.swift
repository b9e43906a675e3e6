/// One EXPOSE entry: a port or port range and its protocol.
///
/// Shape: `<port>[-<port>][/<protocol>]`, ports 0–65535 (a range must not run
/// backwards), protocol `tcp` (the default), `udp` or `sctp`, case-insensitive. See
/// "EXPOSE" in the Dockerfile reference (https://docs.docker.com/reference/dockerfile/#expose).
public struct PortSpec: Sendable, Hashable, CustomStringConvertible {
  public enum TransportProtocol: String, Sendable, Hashable {
    case tcp
    case udp
    case sctp
  }

  public var ports: ClosedRange<Int>
  public var transportProtocol: TransportProtocol

  public init(ports: ClosedRange<Int>, transportProtocol: TransportProtocol = .tcp) {
    self.ports = ports
    self.transportProtocol = transportProtocol
  }

  /// `8080/tcp` or `8000-8010/udp`.
  public var description: String {
    let range = ports.count == 1 ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
    return "\(range)/\(transportProtocol.rawValue)"
  }

  /// Parses one entry; nil if it is not of the shape above.
  public static func parse(_ text: String) -> PortSpec? {
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    var transport = TransportProtocol.tcp
    if parts.count == 2 {
      guard let parsed = TransportProtocol(rawValue: parts[1].lowercased()) else { return nil }
      transport = parsed
    }
    let bounds = parts[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard let low = port(bounds[0]) else { return nil }
    let high = bounds.count == 2 ? port(bounds[1]) : low
    guard let high, high >= low else { return nil }
    return PortSpec(ports: low...high, transportProtocol: transport)
  }

  private static func port(_ text: Substring) -> Int? {
    guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), let value = Int(text), (0...65535).contains(value) else { return nil }
    return value
  }
}

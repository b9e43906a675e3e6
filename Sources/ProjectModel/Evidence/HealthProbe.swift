import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures a health endpoint: `count` HTTP GETs of one `http://` URL, one after the
/// other, each on a new TCP connection, each bounded by `timeout` seconds.
///
/// Each GET is HTTP/1.1 over POSIX sockets (`HealthProbeTarget` builds the request:
/// `Connection: close`, no cookies, no cache, no proxy): the host is resolved with
/// `getaddrinfo`, each address tried in turn with a non-blocking `connect` awaited with
/// `poll`, the request sent, and the response read until the end of its head
/// (`HealthProbeResponseHead`). Redirects are not followed: a 301 to HTTPS is recorded as
/// 301. Interim 1xx heads (103 Early Hints) are skipped, as HTTP clients do (RFC 9110
/// section 15.2). `https://` is refused (`HealthProbeTarget.Refusal`): 1.5 is about the
/// app's own health endpoint, probed on the container's port.
///
/// Latency (`Sample.milliseconds`) runs from the start of the first `connect` to the end
/// of the response head (status line and header fields; the body is not read); for a GET
/// that fails, to the failure (for a host that does not resolve: the resolution time).
///
/// This is the only network access vibe-rules makes, and only to the URL it is given. It
/// never hangs: one deadline, `timeout` seconds after the GET starts, bounds name
/// resolution (run on a worker and abandoned at the deadline), the connect, sending and
/// every wait for bytes (`poll` with the time left).
public enum HealthProbe {
  /// Runs the probe. `timeout` is seconds per GET (> 0); `count` ≥ 1.
  public static func run(url: URL, count: Int, timeout: Double, tool: String) -> HealthProbeResult {
    let started = Date()
    let samples = (0..<max(count, 1)).map { _ in get(url, timeout: timeout) }
    return HealthProbeResult(url: url.absoluteString, measuredAt: timestamp(started), timeoutSeconds: timeout, tool: tool, samples: samples)
  }

  /// Why `url` cannot be probed (one sentence for a usage error: `https://`, not HTTP, no
  /// host, credentials, bad port), or nil when it can.
  public static func refusal(of url: URL) -> String? {
    do {
      _ = try HealthProbeTarget(url)
      return nil
    } catch {
      return error.message
    }
  }

  /// "2026-11-29T14:00:00Z".
  public static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// The largest response head read (status line and header fields), bytes.
  static let maximumHeadSize = 65_536

  /// One GET: its status, or the error, and its latency in milliseconds.
  static func get(_ url: URL, timeout: Double) -> HealthProbeResult.Sample {
    let begin = now()
    let deadline = begin + UInt64(max(timeout, 0) * 1_000_000_000)
    var connectStart: UInt64?
    func elapsed() -> Double { Double(now() - (connectStart ?? begin)) / 1_000_000 }
    do throws(Failure) {
      let target: HealthProbeTarget
      do { target = try HealthProbeTarget(url) } catch { throw Failure.refused(error.message) }
      let addresses = try resolve(target.host, port: target.port, deadline: deadline)
      connectStart = now()
      let socket = try connected(addresses, deadline: deadline)
      defer { close(socket) }
      try send(target.request, on: socket, deadline: deadline)
      let status = try readStatus(socket, deadline: deadline)
      return HealthProbeResult.Sample(status: status, milliseconds: elapsed())
    } catch {
      return HealthProbeResult.Sample(status: nil, error: error.description(timeout: timeout), milliseconds: elapsed())
    }
  }

  static func format(_ seconds: Double) -> String {
    Int(exactly: seconds).map(String.init) ?? String(seconds)
  }

  /// Why a GET has no status; `description(timeout:)` is the sample's `error`.
  enum Failure: Error {
    case timedOut
    case connectionRefused
    case hostNotFound(String)
    case cannotConnect(String)
    case closedBeforeAnswer
    case closedInHead
    case notHTTP
    case headTooLarge
    case osError(String)
    case refused(String)

    func description(timeout: Double) -> String {
      switch self {
      case .timedOut: "timed out after \(HealthProbe.format(timeout)) s"
      case .connectionRefused: "connection refused"
      case .hostNotFound(let reason): "host not found (\(reason))"
      case .cannotConnect(let reason): "cannot connect: \(reason)"
      case .closedBeforeAnswer: "connection closed before an answer"
      case .closedInHead: "connection closed in the middle of the answer's header"
      case .notHTTP: "the answer is not HTTP"
      case .headTooLarge: "the answer's header is longer than \(HealthProbe.maximumHeadSize) bytes"
      case .osError(let reason): reason
      case .refused(let reason): reason
      }
    }
  }

  // MARK: - Time

  /// Monotonic nanoseconds.
  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// Waits until `socket` is ready for `events` (`POLLIN`, `POLLOUT`) or the deadline.
  /// - Throws: `Failure.timedOut` at the deadline.
  static func wait(_ socket: Int32, for events: Int16, deadline: UInt64) throws(Failure) {
    while true {
      let current = now()
      guard current < deadline else { throw .timedOut }
      let milliseconds = min((deadline - current + 999_999) / 1_000_000, UInt64(Int32.max))
      var descriptor = pollfd(fd: socket, events: events, revents: 0)
      let ready = poll(&descriptor, 1, Int32(milliseconds))
      if ready > 0 { return }
      if ready < 0 && errno != EINTR { throw .osError("poll: \(errorText(errno))") }
    }
  }

  // MARK: - Name resolution

  /// A resolved address: what `socket` and `connect` take.
  struct Address: Sendable {
    var family: Int32
    var type: Int32
    var `protocol`: Int32
    var bytes: [UInt8]
  }

  /// The outcome of a resolution running on a worker, shared under a lock.
  final class Resolution: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<[Address], Failure>?

    func set(_ value: Result<[Address], Failure>) {
      lock.lock()
      defer { lock.unlock() }
      outcome = value
    }

    var value: Result<[Address], Failure>? {
      lock.lock()
      defer { lock.unlock() }
      return outcome
    }
  }

  /// The TCP addresses of `host` (a name, IPv4 or IPv6 literal), in `getaddrinfo`'s order.
  /// `getaddrinfo` cannot be interrupted, so it runs on a worker; at the deadline the
  /// worker is abandoned (it finishes and frees its answer on its own).
  /// - Throws: `Failure.hostNotFound`, or `Failure.timedOut` at the deadline.
  static func resolve(_ host: String, port: UInt16, deadline: UInt64) throws(Failure) -> [Address] {
    let resolution = Resolution()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      resolution.set(lookUp(host, port: port))
      done.signal()
    }
    guard done.wait(timeout: DispatchTime(uptimeNanoseconds: deadline)) == .success, let outcome = resolution.value else {
      throw .timedOut
    }
    return try outcome.get()
  }

  static func lookUp(_ host: String, port: UInt16) -> Result<[Address], Failure> {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
    hints.ai_socktype = SOCK_STREAM
    #endif
    hints.ai_flags = AI_NUMERICSERV
    var list: UnsafeMutablePointer<addrinfo>?
    let code = getaddrinfo(host, String(port), &hints, &list)
    guard code == 0 else { return .failure(.hostNotFound(String(cString: gai_strerror(code)))) }
    defer { freeaddrinfo(list) }
    var addresses: [Address] = []
    var entry = list
    while let info = entry?.pointee {
      if let address = info.ai_addr {
        let bytes = Array(UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen)))
        addresses.append(Address(family: info.ai_family, type: info.ai_socktype, protocol: info.ai_protocol, bytes: bytes))
      }
      entry = info.ai_next
    }
    return addresses.isEmpty ? .failure(.hostNotFound("no address")) : .success(addresses)
  }

  // MARK: - Connection

  /// A non-blocking socket connected to the first address that accepts.
  /// - Throws: `Failure.connectionRefused` when every address refuses,
  ///   `Failure.cannotConnect` for another error, `Failure.timedOut` at the deadline.
  static func connected(_ addresses: [Address], deadline: UInt64) throws(Failure) -> Int32 {
    var lastError: Int32 = ECONNREFUSED
    for address in addresses {
      let socket = Self.socket(address.family, address.type, address.protocol)
      guard socket >= 0 else {
        lastError = errno
        continue
      }
      _ = fcntl(socket, F_SETFD, FD_CLOEXEC)
      _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
      #if canImport(Darwin)
      var one: Int32 = 1
      setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
      #endif
      let started = address.bytes.withUnsafeBytes { raw in
        Self.connect(socket, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
      }
      var error = started == 0 ? 0 : errno
      if started != 0 && error == EINPROGRESS {
        do {
          try wait(socket, for: Int16(POLLOUT), deadline: deadline)
        } catch {
          close(socket)
          throw error
        }
        var pending: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        error = getsockopt(socket, SOL_SOCKET, SO_ERROR, &pending, &length) == 0 ? pending : errno
      }
      if error == 0 { return socket }
      lastError = error
      close(socket)
    }
    throw lastError == ECONNREFUSED ? .connectionRefused : .cannotConnect(errorText(lastError))
  }

  /// Sends every byte of `bytes`.
  /// - Throws: `Failure.closedBeforeAnswer` when the peer closes or resets,
  ///   `Failure.timedOut` at the deadline.
  static func send(_ bytes: [UInt8], on socket: Int32, deadline: UInt64) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { raw in
        Self.sendBytes(socket, raw.baseAddress! + offset, raw.count - offset)
      }
      if sent > 0 {
        offset += sent
        continue
      }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: try wait(socket, for: Int16(POLLOUT), deadline: deadline)
      case EPIPE, ECONNRESET: throw .closedBeforeAnswer
      case let code: throw .osError("send: \(errorText(code))")
      }
    }
  }

  /// Reads the response head and returns its status, skipping interim 1xx heads (but
  /// not 101 Switching Protocols, which is final).
  /// - Throws: `Failure.notHTTP`, `.closedBeforeAnswer`, `.closedInHead`, `.headTooLarge`,
  ///   or `.timedOut` at the deadline.
  static func readStatus(_ socket: Int32, deadline: UInt64) throws(Failure) -> Int {
    var received: [UInt8] = []
    var receivedAny = false
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      switch HealthProbeResponseHead.read(received) {
      case .notHTTP:
        throw .notHTTP
      case .complete(let status, let length):
        guard status < 200 && status != 101 else { return status }
        received.removeFirst(length)
        continue
      case .incomplete:
        guard received.count < maximumHeadSize else { throw .headTooLarge }
      }
      try wait(socket, for: Int16(POLLIN), deadline: deadline)
      let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        received += chunk[0..<count]
        receivedAny = true
        continue
      }
      if count == 0 { throw receivedAny ? .closedInHead : .closedBeforeAnswer }
      switch errno {
      case EINTR, EAGAIN, EWOULDBLOCK: continue
      case ECONNRESET: throw receivedAny ? .closedInHead : .closedBeforeAnswer
      case let code: throw .osError("recv: \(errorText(code))")
      }
    }
  }

  // MARK: - System calls

  private static func socket(_ family: Int32, _ type: Int32, _ protocolNumber: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.socket(family, type, protocolNumber)
    #else
    Darwin.socket(family, type, protocolNumber)
    #endif
  }

  private static func connect(_ socket: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(socket, address, length)
    #else
    Darwin.connect(socket, address, length)
    #endif
  }

  private static func sendBytes(_ socket: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(socket, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(socket, bytes, count, 0)
    #endif
  }

  static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}

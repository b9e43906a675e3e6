import Foundation
import Glibc

/// A small TCP server on 127.0.0.1 with an ephemeral port, for probe tests. Each
/// connection gets what `mode` says: an HTTP status, silence until `stop()` (a hung
/// app), bytes that are not HTTP, or exact bytes (`raw`) after which it closes. The request
/// heads it read are in `requests`. Its accept loop runs on its own thread;
/// `stop()` closes the listener and every connection.
final class LocalServer: @unchecked Sendable {
  enum Mode: Sendable {
    case status(Int)
    case hang
    case notHTTP
    case raw(String)
  }

  let port: UInt16
  private let listener: Int32
  private let mode: Mode
  private let lock = NSLock()
  private var held: [Int32] = []
  private var received: [String] = []
  private let finished = DispatchSemaphore(value: 0)

  init(_ mode: Mode) throws {
    self.mode = mode
    (listener, port) = try Self.bound(listening: true)
    let thread = Thread { [self] in
      acceptLoop()
      finished.signal()
    }
    thread.start()
  }

  /// A port on 127.0.0.1 where nothing listens (bound once, then closed): connecting is refused.
  static func refusingPort() throws -> UInt16 {
    let (socket, port) = try bound(listening: false)
    close(socket)
    return port
  }

  /// The request heads read so far, in arrival order.
  var requests: [String] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    _ = finished.wait(timeout: .now() + 5)
    lock.lock()
    let clients = held
    held = []
    lock.unlock()
    for client in clients { close(client) }
  }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      var limit = timeval(tv_sec: 5, tv_usec: 0)
      setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
      switch mode {
      case .hang:
        lock.lock()
        held.append(client)
        lock.unlock()
      case .status(let code):
        readRequest(client)
        send(client, "HTTP/1.1 \(code) \(code == 200 ? "OK" : "Status")\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        close(client)
      case .notHTTP:
        readRequest(client)
        send(client, "this is not HTTP\r\n\r\n")
        close(client)
      case .raw(let text):
        readRequest(client)
        send(client, text)
        close(client)
      }
    }
  }

  /// Reads until the blank line that ends the request head (or 64 KiB, or the timeout).
  private func readRequest(_ client: Int32) {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while received.count < 65_536 {
      let count = recv(client, &buffer, buffer.count, 0)
      guard count > 0 else { break }
      received += buffer[0..<count]
      if received.count >= 4 && received.suffix(4) == [13, 10, 13, 10] { break }
    }
    lock.lock()
    self.received.append(String(decoding: received, as: UTF8.self))
    lock.unlock()
  }

  private func send(_ client: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  }

  private static func bound(listening: Bool) throws -> (Int32, UInt16) {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw ServerError.socket("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, !listening || listen(socket, 16) == 0 else {
      close(socket)
      throw ServerError.socket("bind/listen")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    guard named == 0 else {
      close(socket)
      throw ServerError.socket("getsockname")
    }
    return (socket, UInt16(bigEndian: address.sin_port))
  }

  enum ServerError: Error { case socket(String) }
}

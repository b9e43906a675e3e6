/// Reads the head of an HTTP/1.x response as its bytes arrive: the status line
/// (`HTTP-version SP 3DIGIT SP reason-phrase CRLF`) and the header lines up to the empty
/// line that ends them (RFC 9112 sections 2.1 and 4). Lines may end with a bare LF
/// (RFC 9112 section 2.2 lets a recipient accept it). Header fields are not interpreted:
/// the probe needs the status and the moment the head is complete.
///
/// `HealthProbeResponseHead.read(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))`
/// is `.complete(status: 200, length: 38)`; `read(Array("HTTP/1.1 2".utf8))` is
/// `.incomplete`; `read(Array("this is not HTTP\r\n".utf8))` is `.notHTTP` (decided at the
/// first byte that cannot start `HTTP/`).
enum HealthProbeResponseHead: Equatable, Sendable {
  /// More bytes are needed.
  case incomplete
  /// The bytes are not an HTTP/1.x response.
  case notHTTP
  /// A whole head: its status code and its length in bytes, the ending empty line included.
  case complete(status: Int, length: Int)

  private static let prefix = Array("HTTP/".utf8)

  static func read(_ bytes: [UInt8]) -> HealthProbeResponseHead {
    for (index, byte) in bytes.prefix(prefix.count).enumerated() where byte != prefix[index] { return .notHTTP }
    guard let statusEnd = bytes.firstIndex(of: 0x0A) else { return .incomplete }
    guard let status = status(bytes[..<statusEnd]) else { return .notHTTP }
    var lineStart = statusEnd + 1
    while let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) {
      let line = bytes[lineStart..<lineEnd]
      if line.isEmpty || line.elementsEqual([0x0D]) { return .complete(status: status, length: lineEnd + 1) }
      lineStart = lineEnd + 1
    }
    return .incomplete
  }

  /// The code of a status line (without its LF; a final CR is dropped), or nil when the
  /// line is not `HTTP/DIGIT[.DIGIT] SP 3DIGIT [SP reason]`.
  static func status(_ line: ArraySlice<UInt8>) -> Int? {
    var line = line
    if line.last == 0x0D { line = line.dropLast() }
    guard line.starts(with: prefix) else { return nil }
    let rest = line.dropFirst(prefix.count)
    guard let space = rest.firstIndex(of: 0x20) else { return nil }
    let version = rest[..<space]
    let versionDigits = version.split(separator: 0x2E, omittingEmptySubsequences: false)
    guard (1...2).contains(versionDigits.count), versionDigits.allSatisfy({ $0.count == 1 && isDigit($0.first!) }) else { return nil }
    let afterVersion = rest[(space + 1)...]
    let code = afterVersion.prefix(3)
    guard code.count == 3, code.allSatisfy(isDigit), afterVersion.count == 3 || afterVersion[afterVersion.startIndex + 3] == 0x20 else { return nil }
    let value = code.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    return value >= 100 ? value : nil
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

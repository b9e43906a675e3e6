import Foundation
@testable import ProjectModel
import Testing

/// The probe's own HTTP/1.1 client: the request it sends, the response heads it reads
/// (interim 1xx skipped, bare LF accepted, garbage and truncation named), and the URLs it
/// refuses (`https://`: 1.5 is about the app's own endpoint).
@Suite(.timeLimit(.minutes(2))) struct HealthProbeProtocolTests {
  static func url(_ port: UInt16, _ path: String = "/_stcore/health") -> URL {
    URL(string: "http://127.0.0.1:\(port)\(path)")!
  }

  /// One GET of a server that answers `raw` and closes.
  static func get(answering raw: String, timeout: Double = 2) throws -> (HealthProbeResult.Sample, [String]) {
    let server = try LocalServer(.raw(raw))
    defer { server.stop() }
    let sample = HealthProbe.get(url(server.port), timeout: timeout)
    return (sample, server.requests)
  }

  @Test func requestIsHTTP11WithConnectionClose() throws {
    let (sample, requests) = try Self.get(answering: "HTTP/1.1 204 No Content\r\n\r\n")
    #expect(sample.status == 204)
    let request = try #require(requests.first)
    let lines = request.components(separatedBy: "\r\n")
    #expect(lines.first == "GET /_stcore/health HTTP/1.1")
    #expect(lines.contains { $0.hasPrefix("Host: 127.0.0.1:") })
    #expect(lines.contains("Connection: close"))
    #expect(lines.contains("User-Agent: vibe-rules-probe"))
    #expect(request.hasSuffix("\r\n\r\n"))
  }

  @Test func interimEarlyHintsAreSkipped() throws {
    let (sample, _) = try Self.get(answering: "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    #expect(sample.status == 200)
    #expect(sample.error == nil)
  }

  @Test func bareLineFeedsAndHTTP10() throws {
    let (sample, _) = try Self.get(answering: "HTTP/1.0 503 Service Unavailable\nRetry-After: 1\n\n")
    #expect(sample.status == 503)
  }

  @Test func closedWithoutAnswer() throws {
    let (sample, _) = try Self.get(answering: "")
    #expect(sample.status == nil)
    #expect(sample.error == "connection closed before an answer")
  }

  @Test func closedInTheMiddleOfTheHead() throws {
    let (sample, _) = try Self.get(answering: "HTTP/1.1 200 OK\r\nContent-Le")
    #expect(sample.status == nil)
    #expect(sample.error == "connection closed in the middle of the answer's header")
  }

  @Test func oversizedHead() throws {
    let (sample, _) = try Self.get(answering: "HTTP/1.1 200 OK\r\nX-Padding: " + String(repeating: "a", count: 70_000) + "\r\n\r\n")
    #expect(sample.status == nil)
    #expect(sample.error == "the answer's header is longer than 65536 bytes")
  }

  @Test func garbageAfterTheStatusWordIsNotHTTP() throws {
    let (sample, _) = try Self.get(answering: "HTTP/1.1 OK 200\r\n\r\n")
    #expect(sample.status == nil)
    #expect(sample.error == "the answer is not HTTP")
  }

  @Test func hostNotFound() {
    let sample = HealthProbe.get(URL(string: "http://no-such-host.invalid/_stcore/health")!, timeout: 5)
    #expect(sample.status == nil)
    // Either the resolver answers (host not found) or it is slower than the deadline.
    #expect(sample.error?.hasPrefix("host not found") == true || sample.error == "timed out after 5 s", "\(sample.error ?? "")")
  }

  /// https is a usage error with the reason, and never opens a connection.
  @Test func httpsIsRefused() throws {
    let url = URL(string: "https://dashboard.example.com/_stcore/health")!
    let refusal = try #require(HealthProbe.refusal(of: url))
    #expect(refusal.contains("plain HTTP only"))
    #expect(refusal.contains("Requirement 1.5 is about the app's own health endpoint"))
    #expect(refusal.contains("http://127.0.0.1:8501/_stcore/health"))
    let sample = HealthProbe.get(url, timeout: 1)
    #expect(sample.status == nil)
    #expect(sample.error == refusal)
    #expect(sample.milliseconds < 1000)
  }

  @Test(arguments: [
    ("ftp://host/x", "is not an http:// URL with a host"),
    ("http:/no-host", "is not an http:// URL with a host"),
    ("http://user:secret@host/", "the probe sends no credentials"),
    ("http://host:0/", "port 0 is not from 1 to 65535"),
  ])
  func otherURLsAreRefused(url: String, message: String) throws {
    let refusal = try #require(HealthProbe.refusal(of: URL(string: url)!))
    #expect(refusal.contains(message), "\(refusal)")
  }

  @Test func requestTargetAndHostHeader() throws {
    let target = try HealthProbeTarget(URL(string: "http://[::1]:8080/a%20b?x=1&y=2#fragment")!)
    #expect(target.host == "::1")
    #expect(target.port == 8080)
    let request = String(decoding: target.request, as: UTF8.self)
    #expect(request.hasPrefix("GET /a%20b?x=1&y=2 HTTP/1.1\r\nHost: [::1]:8080\r\n"))
    let plain = try HealthProbeTarget(URL(string: "http://example.com")!)
    #expect(plain.port == 80)
    #expect(String(decoding: plain.request, as: UTF8.self).hasPrefix("GET / HTTP/1.1\r\nHost: example.com\r\n"))
  }

  @Test func responseHeadAsBytesArrive() {
    func read(_ text: String) -> HealthProbeResponseHead { HealthProbeResponseHead.read(Array(text.utf8)) }
    #expect(read("") == .incomplete)
    #expect(read("HTT") == .incomplete)
    #expect(read("HTTP/1.1 2") == .incomplete)
    #expect(read("HTTP/1.1 200 OK\r\nA: b\r\n") == .incomplete)
    #expect(read("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody") == .complete(status: 200, length: 25))
    #expect(read("HTTP/1.1 404\r\n\r\n") == .complete(status: 404, length: 16))
    #expect(read("HTTP/2 200\r\n\r\n") == .complete(status: 200, length: 14))
    #expect(read("<html>") == .notHTTP)
    #expect(read("http/1.1 200 OK\r\n\r\n") == .notHTTP)
    #expect(read("HTTP/1.1 20 OK\r\n\r\n") == .notHTTP)
    #expect(read("HTTP/1.1 2000 OK\r\n\r\n") == .notHTTP)
    #expect(read("HTTP/1.1 099 OK\r\n\r\n") == .notHTTP)
    #expect(read("HTTP/11.1 200 OK\r\n\r\n") == .notHTTP)
  }
}

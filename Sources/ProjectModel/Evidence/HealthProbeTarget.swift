import Foundation

/// Where one probe GET goes and the request it sends, read from an `http://` URL.
///
/// Shape for `http://127.0.0.1:8501/_stcore/health?x=1`: `host` "127.0.0.1" (what
/// `getaddrinfo` resolves; an IPv6 literal without brackets), `port` 8501 (80 when the URL
/// names none), `request` the bytes of
/// `GET /_stcore/health?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8501\r\nUser-Agent: vibe-rules-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n`
/// (HTTP/1.1 message syntax: RFC 9112 sections 3 and 9.6; the request target is the URL's
/// path and query as written, the fragment is never sent).
///
/// Only plain HTTP: requirement 1.5 is about the app's own health endpoint (the
/// container's port, e.g. `http://127.0.0.1:8501/_stcore/health` after
/// `docker run -p 8501:8501`), not TLS at a load balancer, so `https://` is refused with
/// `Refusal`, as are URLs with credentials or without a host.
struct HealthProbeTarget: Sendable, Equatable {
  /// Why a URL cannot be probed; `message` is one sentence for a usage error.
  struct Refusal: Error, Sendable, Equatable {
    var message: String
  }

  var host: String
  var port: UInt16
  /// The request bytes, ending with the blank line (no body).
  var request: [UInt8]

  /// - Throws: `Refusal` for a scheme other than `http` (with the reason for `https`),
  ///   no host, user information, a port outside 1–65535, or control characters.
  init(_ url: URL) throws(Refusal) {
    let text = url.absoluteString
    let scheme = url.scheme?.lowercased() ?? ""
    guard scheme != "https" else { throw Refusal(message: Self.httpsRefusal(text)) }
    guard scheme == "http", let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
      let host = url.host, !host.isEmpty, let headerHost = components.percentEncodedHost, !headerHost.isEmpty
    else { throw Refusal(message: "\(text) is not an http:// URL with a host") }
    guard url.user == nil && url.password == nil else {
      throw Refusal(message: "\(text): the probe sends no credentials; give the URL without user:password@")
    }
    let port = url.port ?? 80
    guard (1...65_535).contains(port) else { throw Refusal(message: "\(text): port \(port) is not from 1 to 65535") }
    var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    if let query = components.percentEncodedQuery { target += "?" + query }
    let hostHeader = url.port == nil ? headerHost : "\(headerHost):\(port)"
    guard (target + hostHeader + host).utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
      throw Refusal(message: "\(text): the URL has spaces or control characters")
    }
    self.host = host
    self.port = UInt16(port)
    request = Array("GET \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: vibe-rules-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n".utf8)
  }

  /// The usage error for an `https://` URL: what the probe measures instead.
  static func httpsRefusal(_ url: String) -> String {
    "\(url): the probe speaks plain HTTP only. Requirement 1.5 is about the app's own health endpoint: probe the container or app directly (e.g. http://127.0.0.1:8501/_stcore/health after docker run -p 8501:8501) or another plain-HTTP endpoint, not TLS at the load balancer"
  }
}

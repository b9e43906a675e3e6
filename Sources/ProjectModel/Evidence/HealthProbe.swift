import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Measures a health endpoint: `count` HTTP GETs of one URL, one after the other, each on
/// a new connection (a fresh URLSession, no cache, no cookies, redirects not followed:
/// a 301 to HTTPS is recorded as 301), each bounded by `timeout` seconds.
///
/// This is the only network access vibe-rules makes, and only to the URL it is given.
/// It never hangs: besides URLSession's own request and resource timeouts, each GET is
/// cancelled `timeout` + 1 s after it started.
public enum HealthProbe {
  /// Runs the probe. `timeout` is seconds per GET (> 0); `count` ≥ 1.
  public static func run(url: URL, count: Int, timeout: Double, tool: String) -> HealthProbeResult {
    let started = Date()
    let samples = (0..<max(count, 1)).map { _ in get(url, timeout: timeout) }
    return HealthProbeResult(url: url.absoluteString, measuredAt: timestamp(started), timeoutSeconds: timeout, tool: tool, samples: samples)
  }

  /// "2026-11-29T14:00:00Z".
  public static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// One GET: its status, or the error, and the time from start to end in milliseconds.
  static func get(_ url: URL, timeout: Double) -> HealthProbeResult.Sample {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
    configuration.httpShouldSetCookies = false
    configuration.connectionProxyDictionary = [:]
    let refuseRedirects = RedirectRefusal()
    let session = URLSession(configuration: configuration, delegate: refuseRedirects, delegateQueue: nil)
    defer { session.invalidateAndCancel() }
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
    request.httpMethod = "GET"
    request.setValue("vibe-rules-probe", forHTTPHeaderField: "User-Agent")

    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let start = DispatchTime.now().uptimeNanoseconds
    let task = session.dataTask(with: request) { _, response, error in
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
      if let http = response as? HTTPURLResponse, error == nil {
        outcome.set(HealthProbeResult.Sample(status: http.statusCode, milliseconds: elapsed))
      } else {
        outcome.set(HealthProbeResult.Sample(status: nil, error: describe(error, timeout: timeout), milliseconds: elapsed))
      }
      done.signal()
    }
    task.resume()
    if done.wait(timeout: .now() + timeout + 1) == .timedOut {
      task.cancel()
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
      outcome.set(HealthProbeResult.Sample(status: nil, error: "timed out after \(format(timeout)) s", milliseconds: elapsed))
    }
    return outcome.value ?? HealthProbeResult.Sample(status: nil, error: "no answer", milliseconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
  }

  static func describe(_ error: Error?, timeout: Double) -> String {
    guard let error else { return "the answer is not HTTP" }
    if let urlError = error as? URLError {
      switch urlError.code {
      case .timedOut: return "timed out after \(format(timeout)) s"
      case .cannotConnectToHost: return "connection refused"
      case .networkConnectionLost: return "connection closed before an answer"
      case .badServerResponse: return "the answer is not HTTP"
      case .cannotFindHost, .dnsLookupFailed: return "host not found"
      default: break
      }
    }
    return (error as NSError).localizedDescription
  }

  static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }

  /// The first outcome of a GET (the completion handler or the hard timeout), under a lock.
  final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var sample: HealthProbeResult.Sample?

    func set(_ new: HealthProbeResult.Sample) {
      lock.lock()
      defer { lock.unlock() }
      if sample == nil { sample = new }
    }

    var value: HealthProbeResult.Sample? {
      lock.lock()
      defer { lock.unlock() }
      return sample
    }
  }

  /// Answers every redirect with "do not follow": the probe records the 3xx itself.
  final class RedirectRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
      completionHandler(nil)
    }
  }
}

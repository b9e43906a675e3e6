import Foundation

/// The build-context files rules read while checking (the app's start script, its
/// folder's Python files, `.streamlit/config.toml`), recorded as they are opened so that
/// an output path can be refused when it is one of them (vibe-rules never writes to the
/// files it checks). Shared by every copy of a `Project`; safe to use from several threads.
public final class ContextReads: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [String] = []

  public init() {}

  /// Records that `path` (as opened) was read.
  public func record(_ path: String) {
    lock.lock()
    defer { lock.unlock() }
    if !recorded.contains(path) { recorded.append(path) }
  }

  /// Every path recorded so far, in the order first read.
  public var paths: [String] {
    lock.lock()
    defer { lock.unlock() }
    return recorded
  }
}

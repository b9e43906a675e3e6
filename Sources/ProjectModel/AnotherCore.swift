import CThread
import Dispatch

/// Work started on a thread of its own, placed on another core than the caller's
/// (`vibe_rules_start_thread_elsewhere`, within the process's CPU affinity mask): for work
/// started while the caller is busy on its own core, which a dispatch worker would wait
/// behind (Linux starts a new thread on its creator's core; benchmarks/RESULTS.md, "Where
/// new threads land" and "Reading ahead"). The thread gets an 8 MiB stack whatever
/// `ulimit -s` says.
enum AnotherCore {
  /// Runs `body` on such a thread, or on a dispatch worker when no thread can be created.
  static func start(_ body: @escaping @Sendable () -> Void) {
    let thread = ThreadBody {
      vibe_rules_run_anywhere()
      body()
    }
    let retained = Unmanaged.passRetained(thread)
    if vibe_rules_start_thread_elsewhere(runThreadBody, retained.toOpaque()) != 0 {
      retained.release()
      DispatchQueue.global().async { thread.run() }
    }
  }
}

/// What a thread started by `AnotherCore.start(_:)` runs.
private final class ThreadBody: @unchecked Sendable {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// The thread's entry point: runs and releases the `ThreadBody` it is given.
private func runThreadBody(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  guard let argument else { return nil }
  Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue().run()
  return nil
}

import CThread
import Dispatch

/// A value computed on another thread while the caller goes on: the initializer starts
/// `work` at once on a global dispatch queue; `value` waits for it to finish, from any
/// thread and as often as needed.
///
/// `Project.load` reads the template this way while it reads the other artifacts, so
/// the two largest reads share the machine's cores (benchmarks/RESULTS.md). Dispatch's
/// few pooled threads rather than a thread each: every thread that allocates gets a
/// malloc arena of its own (glibc), and memory freed in one arena serves only its own
/// threads, so each extra thread added to the peak resident set.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  private let finished = DispatchGroup()
  /// Written once, by the worker, before it leaves `finished`; read only after waiting on
  /// `finished` (the group orders the write before every read).
  private var result: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    finished.enter()
    DispatchQueue.global().async {
      self.result = work()
      self.finished.leave()
    }
  }

  /// Starts `work` on a thread of its own, placed on another core than the caller's
  /// (`vibe_rules_start_thread_elsewhere`): for work started while the caller is busy on
  /// its own core, which a dispatch worker would wait behind (Linux starts a new thread on
  /// its creator's core; benchmarks/RESULTS.md). Falls back to a dispatch worker when no
  /// thread can be created.
  static func onAnotherCore(_ work: @escaping @Sendable () -> Value) -> BackgroundWork {
    BackgroundWork(startingOnAnotherCore: work)
  }

  private init(startingOnAnotherCore work: @escaping @Sendable () -> Value) {
    finished.enter()
    let body = ThreadBody {
      vibe_rules_run_anywhere()
      self.result = work()
      self.finished.leave()
    }
    let retained = Unmanaged.passRetained(body)
    if vibe_rules_start_thread_elsewhere(runThreadBody, retained.toOpaque()) != 0 {
      retained.release()
      DispatchQueue.global().async { body.run() }
    }
  }

  /// The value, once `work` has returned (waits for it).
  var value: Value {
    finished.wait()
    return result!
  }
}

/// What a thread started by `BackgroundWork.onAnotherCore(_:)` runs.
private final class ThreadBody: @unchecked Sendable {
  let run: () -> Void
  init(_ run: @escaping () -> Void) { self.run = run }
}

/// The thread's entry point: runs and releases the `ThreadBody` it is given.
private func runThreadBody(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  guard let argument else { return nil }
  Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue().run()
  return nil
}

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

  /// The value, once `work` has returned (waits for it).
  var value: Value {
    finished.wait()
    return result!
  }
}

import Foundation

/// A value computed on another thread while the caller goes on: the initializer starts
/// `work` at once on a new thread; `value` waits for it to finish, from any thread and as
/// often as needed.
///
/// `Project.load` reads the template this way while it reads the other artifacts, so
/// the two largest reads share the machine's cores (benchmarks/RESULTS.md). A thread of
/// its own rather than a dispatch queue: libdispatch starts its worker threads lazily,
/// and the work often waited a millisecond or more for one.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  private let finished = DispatchGroup()
  /// Written once, by the worker, before it leaves `finished`; read only after waiting on
  /// `finished` (the group orders the write before every read).
  private var result: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    finished.enter()
    let thread = Thread {
      self.result = work()
      self.finished.leave()
    }
    // The template reader recurses once per nesting level (at most 128, see
    // `NodeConverter.maximumNesting`), as the main thread's 8 MiB stack allows.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The value, once `work` has returned (waits for it).
  var value: Value {
    finished.wait()
    return result!
  }
}

import Foundation

/// A value computed on another thread while the caller goes on: the initializer starts
/// `work` at once on a new thread; `value` waits for it to finish.
///
/// `Project.load` reads the template this way while it reads the other artifacts, so
/// the two largest reads share the machine's cores (benchmarks/RESULTS.md). A thread of
/// its own rather than a dispatch queue: libdispatch starts its worker threads lazily,
/// and the work often waited a millisecond or more for one.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  private let finished = DispatchSemaphore(value: 0)
  /// Written once, by the worker, before it signals `finished`; read only after waiting
  /// on `finished` (the semaphore orders the write before the read).
  private var result: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    let thread = Thread {
      self.result = work()
      self.finished.signal()
    }
    // The template reader recurses once per nesting level (at most 128, see
    // `NodeConverter.maximumNesting`), like the main thread's 8 MiB stack allows.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The value, once `work` has returned (waits for it).
  lazy var value: Value = {
    finished.wait()
    return result!
  }()
}

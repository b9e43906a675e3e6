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
final class BackgroundWork<Value: Sendable>: Sendable {
  private let result = AwaitedValue<Value>()

  init(_ work: @escaping @Sendable () -> Value) {
    DispatchQueue.global().async { [result] in result.set(work()) }
  }

  /// The value, once `work` has returned (waits for it).
  var value: Value { result.value }
}

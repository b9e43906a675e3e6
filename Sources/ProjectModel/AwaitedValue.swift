import Dispatch

/// A value one thread sets once and others wait for: `set` stores it, `value` waits until
/// it is set, from any thread and as often as needed (the dispatch group orders the write
/// before every read). For `BackgroundWork` and the read-ahead's two reads
/// (`EarlyDefinitions.Reading`).
final class AwaitedValue<Value: Sendable>: @unchecked Sendable {
  private let settled = DispatchGroup()
  /// Written once, by `set`, before it leaves `settled`; read only after waiting on it.
  private var stored: Value?

  init() { settled.enter() }

  /// Stores `value` and wakes the waiting threads. Call exactly once.
  func set(_ value: Value) {
    stored = value
    settled.leave()
  }

  /// The value, once set (waits for it).
  var value: Value {
    settled.wait()
    return stored!
  }
}

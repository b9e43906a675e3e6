import Dispatch

extension Array where Element: Sendable {
  /// `map(transform)` with the elements transformed on every core
  /// (`DispatchQueue.concurrentPerform`); the results are in the elements' order, whatever
  /// order they finish in. For independent, pure transforms: the rules over one project,
  /// the deploy script walked once per config env.
  public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
    let slots = Slots<Result>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.put(transform(self[index]), at: index)
    }
    return slots.values()
  }
}

/// One slot per element for `concurrentMap`: each slot is written by exactly one
/// iteration of `concurrentPerform`, and read only after it returns (which orders every
/// write before the reads).
private final class Slots<Value: Sendable>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.deinitialize()
    storage.deallocate()
  }

  func put(_ value: Value, at index: Int) { storage[index] = value }

  func values() -> [Value] { storage.map { $0! } }
}

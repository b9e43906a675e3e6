/// One slot of rule results per rule, filled from several threads by
/// `RuleEngine.run`: each slot is written by exactly one iteration of
/// `DispatchQueue.concurrentPerform`, and read only after it returns (which orders every
/// write before the reads).
final class ResultSlots: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<[RuleResult]>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: [])
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  /// Slot `index`; distinct indexes may be written at the same time.
  subscript(index: Int) -> [RuleResult] {
    get { slots[index] }
    set { slots[index] = newValue }
  }

  /// Every slot's results, in slot order.
  func joined() -> [RuleResult] { Array(slots.joined()) }
}

/// Offsets in a template's resources of the scaling policies that may name one scalable
/// target (`UnattachedScalingPolicies.candidates(for:after:)`): one sorted list after the
/// other, each read from its first offset past the target's (found by binary search when
/// the list is reached) round to its start. A concrete type, not a lazy chain returned as
/// `some Sequence`, whose type the rules' module would build at run time from its mangled
/// name (about 1 M instructions per process).
public struct ScalingPolicyCandidates: Sequence, IteratorProtocol {
  private let lists: [[Int]]
  private let offset: Int
  /// The list being read, where it starts (past `offset`) and how many were read.
  private var list = -1
  private var start = 0
  private var read = 0

  init(lists: [[Int]], after offset: Int) {
    self.lists = lists
    self.offset = offset
  }

  public mutating func next() -> Int? {
    while list < lists.count {
      if list >= 0, read < lists[list].count {
        let elements = lists[list]
        defer { read += 1 }
        return elements[(start + read) % elements.count]
      }
      list += 1
      read = 0
      guard list < lists.count else { return nil }
      // The first position past `offset` (the list is sorted).
      let elements = lists[list]
      var (low, high) = (0, elements.count)
      while low < high {
        let middle = (low + high) / 2
        if elements[middle] <= offset { low = middle + 1 } else { high = middle }
      }
      start = low
    }
    return nil
  }
}

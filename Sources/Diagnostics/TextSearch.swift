extension StringProtocol {
  /// Whether `needle` occurs in the text: a search of the UTF-8 bytes, without bridging to
  /// `NSString` (Foundation's `contains(_:)` and `range(of:)`, which a `String` argument
  /// selects once Foundation is imported, took about 7,800 instructions a call: 3.5 M of
  /// a `report`). The comparison is by bytes, not by canonical equivalence: a needle that
  /// starts or ends inside a combining sequence still matches (`"é"` written as `e` and
  /// U+0301 contains `"e"`), which is what the rules' ASCII needles (`"#"`, `".dkr.ecr."`)
  /// want. The empty needle occurs in every text.
  public func containsText(_ needle: some StringProtocol) -> Bool {
    rangeOfText(needle) != nil
  }

  /// The first range where `needle` occurs in the text, compared by UTF-8 bytes (see
  /// `containsText(_:)`); nil when it does not occur. The bounds are Unicode scalar
  /// boundaries of the text (a valid UTF-8 needle starts and ends on one), so slicing the
  /// text with them is valid; they need not be `Character` boundaries.
  public func rangeOfText(_ needle: some StringProtocol) -> Range<Index>? {
    let hay = utf8, pattern = Array(needle.utf8)
    guard let first = pattern.first else { return startIndex..<startIndex }
    let found: Range<Int>? =
      hay.withContiguousStorageIfAvailable { Self.firstOffsets(of: pattern, first: first, in: $0) }
      ?? Array(hay).withUnsafeBufferPointer { Self.firstOffsets(of: pattern, first: first, in: $0) }
    guard let found else { return nil }
    let lower = hay.index(hay.startIndex, offsetBy: found.lowerBound)
    return lower..<hay.index(lower, offsetBy: found.count)
  }

  /// The byte offsets of the first occurrence of `pattern` (whose first byte is `first`)
  /// in `bytes`.
  private static func firstOffsets(of pattern: [UInt8], first: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    let count = pattern.count
    guard bytes.count >= count else { return nil }
    var start = 0
    let last = bytes.count - count
    while start <= last {
      if bytes[start] == first {
        var matched = 1
        while matched < count, bytes[start + matched] == pattern[matched] { matched += 1 }
        if matched == count { return start..<(start + count) }
      }
      start += 1
    }
    return nil
  }
}

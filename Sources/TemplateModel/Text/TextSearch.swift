import Foundation

extension StringProtocol {
  /// Whether `needle` occurs in the text, as Foundation's `contains(_:)` says (which a
  /// `String` argument selects once Foundation is imported, also for a one-character
  /// literal such as `"#"`); false for the empty needle.
  ///
  /// When the text and the needle are all ASCII, their UTF-8 bytes are compared, which is
  /// what Foundation's comparison comes to there (no combining marks, no other spellings of
  /// a character); otherwise Foundation searches. Foundation's search took about 7,800
  /// instructions a call on this platform (3.5 M of a `report`, nearly all on ASCII text).
  public func containsText(_ needle: some StringProtocol) -> Bool {
    rangeOfText(needle) != nil
  }

  /// The first range where `needle` occurs in the text, as Foundation's `range(of:)` finds
  /// it (see `containsText(_:)`): by bytes when both are all ASCII, by Foundation
  /// otherwise; nil for the empty needle.
  public func rangeOfText(_ needle: some StringProtocol) -> Range<Index>? {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return nil }
    guard first < 0x80, pattern.allSatisfy({ $0 < 0x80 }) else { return range(of: needle) }
    let hay = utf8
    let search: (UnsafeBufferPointer<UInt8>) -> Range<Int>?? = { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
      return .some(Self.firstOffsets(of: pattern, first: first, in: bytes))
    }
    guard let outcome = hay.withContiguousStorageIfAvailable(search) ?? Array(hay).withUnsafeBufferPointer(search) else {
      return range(of: needle)
    }
    guard let found = outcome else { return nil }
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

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
    guard !pattern.isEmpty else { return nil }
    guard pattern.allSatisfy({ $0 < 0x80 }) else { return range(of: needle) }
    let hay = utf8
    // nil: the text is not all ASCII; .some(nil): it is, and holds no match.
    let search: (UnsafeBufferPointer<UInt8>) -> Int?? = { bytes in
      bytes.allSatisfy({ $0 < 0x80 }) ? .some(ByteSearch.firstOffset(of: pattern, in: bytes)) : nil
    }
    guard let outcome = hay.withContiguousStorageIfAvailable(search) ?? Array(hay).withUnsafeBufferPointer(search) else {
      return range(of: needle)
    }
    guard let offset = outcome else { return nil }
    let lower = hay.index(hay.startIndex, offsetBy: offset)
    return lower..<hay.index(lower, offsetBy: pattern.count)
  }
}

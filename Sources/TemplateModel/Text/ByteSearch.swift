/// A byte pattern searched for in UTF-8 text: the text search of the rules
/// (`rangeOfText`), dynamic references (`{{resolve:`) and the count of a delimiter's
/// occurrences that prices `Fn::Split` and `Fn::Sub`.
enum ByteSearch {
  /// The first offset at or after `from` where `pattern` (not empty) occurs in `bytes`, or
  /// nil. Each offset whose byte is the pattern's first is compared byte by byte (time up to
  /// `bytes.count` times `pattern.count`).
  static func firstOffset(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
    guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
    var index = from
    while index <= bytes.count - pattern.count {
      if bytes[index] == first {
        var matched = 1
        while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
        if matched == pattern.count { return index }
      }
      index += 1
    }
    return nil
  }
}

/// Small text helpers the reader and the evaluator share (no Foundation).
extension String {
  /// A string from scalars; ASCII text (the usual case) is copied byte for byte.
  init<Scalars: Collection>(scalars: Scalars) where Scalars.Element == Unicode.Scalar {
    if scalars.allSatisfy({ $0.isASCII }) {
      self.init(unsafeUninitializedCapacity: scalars.count) { buffer in
        var position = 0
        for scalar in scalars {
          buffer[position] = UInt8(truncatingIfNeeded: scalar.value)
          position += 1
        }
        return position
      }
    } else {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars)
      self = String(view)
    }
  }

  /// The string without leading and trailing spaces and tabs.
  func trimmingBlanks() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
    return String(scalars)
  }

  func trimmingCharacters() -> String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return String(text)
  }

  /// `self` with every occurrence of `search` (non-overlapping, left to right) replaced.
  func replacingAll(_ search: String, with replacement: String) -> String {
    replacingMatches(of: search, with: replacement, limit: .max)
  }

  /// `self` with the first occurrence of `search` replaced.
  func replacingFirst(_ search: String, with replacement: String) -> String {
    replacingMatches(of: search, with: replacement, limit: 1)
  }

  private func replacingMatches(of search: String, with replacement: String, limit: Int) -> String {
    let text = Array(utf8)
    let found = Self.occurrences(of: Array(search.utf8), in: text, limit: limit)
    guard !found.isEmpty else { return self }
    let with = Array(replacement.utf8)
    var result: [UInt8] = []
    result.reserveCapacity(text.count + found.count * with.count - found.count * search.utf8.count)
    var position = 0
    for start in found {
      result += text[position..<start]
      result += with
      position = start + search.utf8.count
    }
    result += text[position...]
    return String(decoding: result, as: UTF8.self)
  }

  /// How many non-overlapping occurrences of `search` `self` holds, left to right, counted
  /// up to `limit`.
  func occurrenceCount(of search: String, limit: Int) -> Int {
    Self.occurrences(of: Array(search.utf8), in: Array(utf8), limit: limit).count
  }

  /// The UTF-8 offsets where the non-overlapping occurrences of `search` start, left to
  /// right, at most `limit` of them; none for an empty `search`. One pass
  /// (Knuth-Morris-Pratt), so time is linear in both texts whatever they hold
  /// (`aaa…ab` in `aaa…a`). UTF-8 is self-synchronizing: a match of valid UTF-8 starts and
  /// ends on scalar boundaries, so these are the matches bash finds in a UTF-8 locale,
  /// where it compares characters (code points), not Swift's grapheme clusters.
  static func occurrences(of search: [UInt8], in text: [UInt8], limit: Int) -> [Int] {
    guard !search.isEmpty, search.count <= text.count, limit > 0 else { return [] }
    // failure[i]: the length of the longest proper prefix of search[...i] that is also
    // its suffix.
    var failure = [Int](repeating: 0, count: search.count)
    var length = 0
    for index in search.indices.dropFirst() {
      while length > 0 && search[index] != search[length] { length = failure[length - 1] }
      if search[index] == search[length] { length += 1 }
      failure[index] = length
    }
    var found: [Int] = []
    var matched = 0
    for (index, byte) in text.enumerated() {
      while matched > 0 && byte != search[matched] { matched = failure[matched - 1] }
      if byte == search[matched] { matched += 1 }
      if matched == search.count {
        found.append(index + 1 - search.count)
        if found.count == limit { break }
        matched = 0  // non-overlapping: the next match starts after this one
      }
    }
    return found
  }
}

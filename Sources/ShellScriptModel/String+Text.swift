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

  func replacingAll(_ search: String, with replacement: String) -> String {
    guard !search.isEmpty else { return self }
    return replacing(search, with: replacement)
  }

  func replacingFirst(_ search: String, with replacement: String) -> String {
    guard let range = firstRange(of: search) else { return self }
    return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
  }
}

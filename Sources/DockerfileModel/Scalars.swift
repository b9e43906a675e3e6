/// Character classes and conversions the Dockerfile readers share.
///
/// The readers work on arrays of Unicode scalars so that offsets are plain integers and
/// columns count Unicode scalars, as `SourceLocation` requires.
enum Scalars {
  /// Go's `unicode.IsSpace`: the Unicode White_Space property (tab, LF, VT, FF, CR, space,
  /// U+0085, U+00A0 and the Z-category spaces).
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace
  }

  /// The separator class BuildKit splits words on: `[\t\v\f\r ]`.
  static func isWordSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\t", "\u{0B}", "\u{0C}", "\r", " ": return true
    default: return false
    }
  }

  /// `\s` in Go's regular expressions: `[\t\n\f\r ]`.
  static func isRegexSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\t", "\n", "\u{0C}", "\r", " ": return true
    default: return false
    }
  }

  static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(scalar)
  }

  /// The string of `scalars`. Their UTF-8 bytes go into one buffer that becomes the
  /// string: `UnicodeScalarView.append(contentsOf:)` appends scalar by scalar, about 500
  /// instructions each, which made it most of the cost of parsing a Dockerfile.
  static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.underestimatedCount)
    for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The index of the first scalar in `range` that is not a Go space (or `range.upperBound`).
  static func skipSpaces(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end, isSpace(scalars[index]) { index += 1 }
    return index
  }

  /// The bounds of `scalars[start..<end]` with Go spaces trimmed on both sides.
  static func trimmedBounds(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Range<Int> {
    let lower = skipSpaces(scalars, from: start, to: end)
    var upper = end
    while upper > lower, isSpace(scalars[upper - 1]) { upper -= 1 }
    return lower..<upper
  }
}

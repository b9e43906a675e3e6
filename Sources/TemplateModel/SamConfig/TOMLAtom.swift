/// The TOML 1.0 grammar of unquoted scalar values (https://toml.io/en/v1.0.0): booleans,
/// integers (`+1_000`, `0xDEAD_BEEF`, `0o755`, `0b1010`), floats (`6.626e-34`, `-inf`,
/// `nan`), offset and local date-times (`1979-05-27T07:32:00.999-07:00`, `T`, `t` or a
/// space between date and time), local dates and local times. Used by `TOMLSyntaxCheck`.
enum TOMLAtom {
  /// Whether `token` is one whole TOML boolean, number, date or time.
  static func isValid(_ token: String) -> Bool {
    if token == "true" || token == "false" { return true }
    let bytes = Array(token.utf8)
    return isNumber(bytes) || isDateTime(bytes)
  }

  /// Whether `token` is exactly a full date `YYYY-MM-DD`.
  static func isDate(_ token: String) -> Bool {
    let bytes = Array(token.utf8)
    return bytes.count == 10 && date(bytes, 0) == 10
  }

  private static func isNumber(_ b: [UInt8]) -> Bool {
    var i = 0
    if b.count > 2, b[0] == UInt8(ascii: "0") {
      switch b[1] {
      case UInt8(ascii: "x"): return digits(b, 2, isHex) == b.count
      case UInt8(ascii: "o"): return digits(b, 2) { $0 >= 0x30 && $0 <= 0x37 } == b.count
      case UInt8(ascii: "b"): return digits(b, 2) { $0 == 0x30 || $0 == 0x31 } == b.count
      default: break
      }
    }
    if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
    let rest = Array(b[i...])
    if rest == Array("inf".utf8) || rest == Array("nan".utf8) { return true }
    // Integer part: 0, or a non-zero digit then digits (no leading zeros).
    guard i < b.count, isDigit(b[i]) else { return false }
    if b[i] == UInt8(ascii: "0") {
      i += 1
    } else {
      guard let end = digits(b, i, isDigit) else { return false }
      i = end
    }
    if i < b.count, b[i] == UInt8(ascii: ".") {
      guard let end = digits(b, i + 1, isDigit) else { return false }
      i = end
    }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
      guard let end = digits(b, i, isDigit) else { return false }
      i = end
    }
    return i == b.count
  }

  private static func isDateTime(_ b: [UInt8]) -> Bool {
    if let end = time(b, 0) { return end == b.count }
    guard let afterDate = date(b, 0) else { return false }
    if afterDate == b.count { return true }
    guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[afterDate]),
      var i = time(b, afterDate + 1)
    else { return false }
    if i == b.count { return true }
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
    guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
    i += 1
    return fixed(b, i, 2) && i + 2 < b.count && b[i + 2] == UInt8(ascii: ":") && fixed(b, i + 3, 2) && i + 5 == b.count
  }

  /// `YYYY-MM-DD` at `i`: the index after it.
  private static func date(_ b: [UInt8], _ i: Int) -> Int? {
    guard fixed(b, i, 4), i + 4 < b.count, b[i + 4] == UInt8(ascii: "-"), fixed(b, i + 5, 2),
      i + 7 < b.count, b[i + 7] == UInt8(ascii: "-"), fixed(b, i + 8, 2)
    else { return nil }
    return i + 10
  }

  /// `HH:MM:SS` with an optional fraction at `i`: the index after it.
  private static func time(_ b: [UInt8], _ i: Int) -> Int? {
    guard fixed(b, i, 2), i + 2 < b.count, b[i + 2] == UInt8(ascii: ":"), fixed(b, i + 3, 2),
      i + 5 < b.count, b[i + 5] == UInt8(ascii: ":"), fixed(b, i + 6, 2)
    else { return nil }
    var end = i + 8
    if end < b.count, b[end] == UInt8(ascii: ".") {
      end += 1
      let start = end
      while end < b.count, isDigit(b[end]) { end += 1 }
      guard end > start else { return nil }
    }
    return end
  }

  /// Exactly `count` decimal digits at `i`.
  private static func fixed(_ b: [UInt8], _ i: Int, _ count: Int) -> Bool {
    i + count <= b.count && b[i..<(i + count)].allSatisfy(isDigit)
  }

  /// Digits with single `_` between digits, starting at `i`: the index after them.
  private static func digits(_ b: [UInt8], _ i: Int, _ accepts: (UInt8) -> Bool) -> Int? {
    guard i < b.count, accepts(b[i]) else { return nil }
    var i = i + 1
    while i < b.count {
      if accepts(b[i]) {
        i += 1
      } else if b[i] == UInt8(ascii: "_"), i + 1 < b.count, accepts(b[i + 1]) {
        i += 2
      } else {
        break
      }
    }
    return i
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func isHex(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  }
}

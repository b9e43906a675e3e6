/// The first place where text breaks JSON's grammar as RFC 8259 writes it
/// (https://www.rfc-editor.org/rfc/rfc8259), the grammar the services that read policies
/// hold text to. Foundation's readers on Linux (`JSONSerialization` and `JSONDecoder`) take
/// a comma before a closing bracket, which IAM refuses (`MalformedPolicyDocument`), so
/// `JSONDocument` alone cannot say whether a policy will be accepted.
///
/// Read over the UTF-8 bytes in one pass, in time linear in the text; nesting deeper than
/// `maximumDepth` is reported as an error (Foundation's readers stop at the same depth).
/// A byte order mark before the text is allowed (RFC 8259, section 8.1: a reader may
/// ignore it).
public enum JSONSyntax {
  /// Where the text breaks the grammar: line and column (1-based, columns in Unicode
  /// scalars) within the text, and what was expected there.
  public struct Violation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(message) at line \(line), column \(column) of the text" }
  }

  /// How deep arrays and objects may nest.
  public static let maximumDepth = 512

  /// The first violation of the grammar in `text`, or nil for a JSON text (any value).
  public static func firstViolation(in text: String) -> Violation? {
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var reader = Reader(bytes: bytes)
    guard let failure = reader.document() else { return nil }
    return reader.violation(failure)
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    /// Reads the whole text; the message of the first violation (at `index`), or nil.
    mutating func document() -> String? {
      skipBlanks()
      if let failure = value() { return failure }
      skipBlanks()
      return index < bytes.count ? "more text after the JSON value" : nil
    }

    mutating func value() -> String? {
      guard index < bytes.count else { return "a value expected, found the end of the text" }
      switch bytes[index] {
      case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), keyed: true)
      case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), keyed: false)
      case UInt8(ascii: "\""): return string()
      case UInt8(ascii: "t"): return word("true")
      case UInt8(ascii: "f"): return word("false")
      case UInt8(ascii: "n"): return word("null")
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
      default: return "a value expected, found \(found)"
      }
    }

    /// An object (`keyed`) or an array, from its opening bracket.
    mutating func container(close: UInt8, keyed: Bool) -> String? {
      depth += 1
      if depth > JSONSyntax.maximumDepth { return "arrays and objects nested more than \(JSONSyntax.maximumDepth) deep" }
      index += 1
      skipBlanks()
      if index < bytes.count && bytes[index] == close {
        index += 1
        depth -= 1
        return nil
      }
      while true {
        if keyed {
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            return bytes.indices.contains(index) && bytes[index] == close ? "a comma before \"}\" (JSON allows none)" : "a quoted member name expected, found \(found)"
          }
          if let failure = string() { return failure }
          skipBlanks()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return "\":\" expected after the member name, found \(found)" }
          index += 1
          skipBlanks()
        } else if index < bytes.count, bytes[index] == close {
          return "a comma before \"]\" (JSON allows none)"
        }
        if let failure = value() { return failure }
        skipBlanks()
        guard index < bytes.count else { return "\"\(Character(Unicode.Scalar(close)))\" or \",\" expected, found the end of the text" }
        if bytes[index] == close {
          index += 1
          depth -= 1
          return nil
        }
        guard bytes[index] == UInt8(ascii: ",") else { return "\"\(Character(Unicode.Scalar(close)))\" or \",\" expected, found \(found)" }
        index += 1
        skipBlanks()
      }
    }

    /// A string, from its opening quote: no control characters, only JSON's escapes.
    mutating func string() -> String? {
      index += 1
      while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""):
          index += 1
          return nil
        case UInt8(ascii: "\\"):
          index += 1
          guard index < bytes.count else { return "an escape expected, found the end of the text" }
          switch bytes[index] {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
          case UInt8(ascii: "u"):
            index += 1
            for _ in 0..<4 {
              guard index < bytes.count, Self.isHexDigit(bytes[index]) else { return "four hexadecimal digits expected after \\u, found \(found)" }
              index += 1
            }
          default:
            return "\\\(found.dropFirst().dropLast()) is no JSON escape"
          }
        case 0..<0x20:
          return "a control character (U+\(String(byte, radix: 16, uppercase: true).leftPadded(4))) in a string; JSON writes it escaped"
        default:
          index += 1
        }
      }
      return "a closing quote expected, found the end of the text"
    }

    /// `-`? int frac? exp?, int without leading zeros.
    mutating func number() -> String? {
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard index < bytes.count, Self.isDigit(bytes[index]) else { return "a digit expected, found \(found)" }
      if bytes[index] == UInt8(ascii: "0") {
        index += 1
        if index < bytes.count, Self.isDigit(bytes[index]) { return "a number with a leading zero (JSON allows none)" }
      } else {
        skipDigits()
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard index < bytes.count, Self.isDigit(bytes[index]) else { return "a digit expected after the decimal point, found \(found)" }
        skipDigits()
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { return "a digit expected in the exponent, found \(found)" }
        skipDigits()
      }
      return nil
    }

    mutating func word(_ word: StaticString) -> String? {
      let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
      guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
        return "a value expected, found \(found)"
      }
      index += expected.count
      return nil
    }

    mutating func skipDigits() {
      while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    }

    /// JSON's whitespace: space, tab, line feed, carriage return.
    mutating func skipBlanks() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    /// The character at `index`, quoted, or "the end of the text".
    var found: String {
      guard index < bytes.count else { return "the end of the text" }
      var end = index + 1
      while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
      let text = String(decoding: bytes[index..<end], as: UTF8.self)
      return text.unicodeScalars.first.map { $0.value < 0x20 ? "U+\(String($0.value, radix: 16, uppercase: true).leftPadded(4))" : "\"\(text)\"" } ?? "\"\(text)\""
    }

    /// `message` at `index`, with its line and column in the text.
    func violation(_ message: String) -> Violation {
      var line = 1, lineStart = 0
      for position in 0..<min(index, bytes.count) where bytes[position] == 0x0A {
        line += 1
        lineStart = position + 1
      }
      let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
      return Violation(line: line, column: column, message: message)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isHexDigit(_ byte: UInt8) -> Bool {
      isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

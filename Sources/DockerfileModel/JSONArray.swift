import Diagnostics

/// Reads the exec (JSON array) form of RUN, CMD, ENTRYPOINT, SHELL, ADD, COPY and VOLUME.
///
/// The whole text must be one JSON document (RFC 8259, as Go's `encoding/json` accepts it)
/// whose top level is an array. If every element is a string, the strings are the
/// arguments; valid JSON with any other element is a parse error in BuildKit; JSON that does
/// not parse at all makes the instruction fall back to shell form (see `parseJSON` in
/// BuildKit's `frontend/dockerfile/parser/line_parsers.go`). Nesting is tracked with an
/// explicit stack, so deep input cannot exhaust the call stack; like Go, documents nested
/// deeper than 10,000 levels are treated as not parsing.
enum JSONArray {
  enum Result: Equatable {
    /// A JSON array of strings, decoded.
    case strings([String])
    /// Valid JSON, but an element (at this offset) is not a string.
    case notAllStrings(elementOffset: Int)
    /// Not valid JSON, or not an array: where the reading stopped and why.
    case invalid(Failure)
  }

  /// Where a JSON reading of the arguments stopped (an offset into the text given to
  /// `parse`) and why, in words for a message ("expected `,` or `]` after an element").
  struct Failure: Equatable {
    var offset: Int
    var reason: String
  }

  static let maximumDepth = 10_000

  static func parse(_ text: ArraySlice<Unicode.Scalar>) -> Result {
    var reader = Reader(scalars: Array(text))
    return reader.document()
  }

  private struct Reader {
    let scalars: [Unicode.Scalar]
    var index = 0

    private enum Container { case array, object }

    mutating func document() -> Result {
      skipWhitespace()
      guard peek == "[" else { return invalid("the text does not begin with `[`") }
      index += 1
      var strings: [String] = []
      var firstNonString: Int?
      skipWhitespace()
      if peek == "]" {
        index += 1
      } else {
        while true {
          skipWhitespace()
          let elementStart = index
          if peek == "\"" {
            guard let decoded = string() else { return stringFailure(from: elementStart) }
            strings.append(decoded)
          } else {
            guard peek != "'" else { return invalid("JSON strings are written in double quotes, not single quotes") }
            guard value() else { return invalid(peek == nil ? "the array is not closed with `]`" : "this is not a JSON value") }
            if firstNonString == nil { firstNonString = elementStart }
          }
          skipWhitespace()
          if peek == "," {
            index += 1
            continue
          }
          guard peek == "]" else { return invalid(peek == nil ? "the array is not closed with `]`" : "expected `,` or `]` after an element") }
          index += 1
          break
        }
      }
      skipWhitespace()
      guard index == scalars.count else { return invalid("text follows the closing `]`") }
      if let firstNonString { return .notAllStrings(elementOffset: firstNonString) }
      return .strings(strings)
    }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// The failure at the current position (the end of the text when the reader ran past it).
    func invalid(_ reason: String) -> Result {
      .invalid(Failure(offset: min(index, scalars.count), reason: reason))
    }

    /// Why the string at `start` did not read: it is not closed (located at its opening
    /// quote), or has an escape or a control character JSON does not allow (located there).
    func stringFailure(from start: Int) -> Result {
      guard index < scalars.count else { return .invalid(Failure(offset: start, reason: "the string that begins here is not closed")) }
      return .invalid(Failure(offset: max(start, index - 1), reason: "a JSON string cannot hold this escape or control character"))
    }

    mutating func skipWhitespace() {
      while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { index += 1 }
    }

    /// Validates any JSON value without recursion.
    mutating func value() -> Bool {
      var stack: [Container] = []
      // `expectValue` is true where a value must come next.
      var expectValue = true
      while true {
        skipWhitespace()
        if expectValue {
          guard let scalar = peek else { return false }
          switch scalar {
          case "[":
            index += 1
            guard stack.count < maximumDepth else { return false }
            stack.append(.array)
            skipWhitespace()
            if peek == "]" {
              index += 1
              stack.removeLast()
              expectValue = false
            }
            continue
          case "{":
            index += 1
            guard stack.count < maximumDepth else { return false }
            stack.append(.object)
            skipWhitespace()
            if peek == "}" {
              index += 1
              stack.removeLast()
              expectValue = false
              continue
            }
            guard objectKey() else { return false }
            continue
          case "\"":
            guard string() != nil else { return false }
          case "t":
            guard literal("true") else { return false }
          case "f":
            guard literal("false") else { return false }
          case "n":
            guard literal("null") else { return false }
          default:
            guard number() else { return false }
          }
          expectValue = false
          continue
        }
        guard let container = stack.last else { return true }
        guard let scalar = peek else { return false }
        switch (container, scalar) {
        case (.array, ","):
          index += 1
          expectValue = true
        case (.object, ","):
          index += 1
          skipWhitespace()
          guard objectKey() else { return false }
          expectValue = true
        case (.array, "]"), (.object, "}"):
          index += 1
          stack.removeLast()
        default:
          return false
        }
      }
    }

    /// Reads `"key" :` inside an object.
    mutating func objectKey() -> Bool {
      guard peek == "\"", string() != nil else { return false }
      skipWhitespace()
      guard peek == ":" else { return false }
      index += 1
      return true
    }

    mutating func literal(_ word: String) -> Bool {
      for expected in word.unicodeScalars {
        guard peek == expected else { return false }
        index += 1
      }
      return true
    }

    /// Reads a number; false when malformed or, as Go's decoding into `float64` does,
    /// out of a double's range (`1e400`: BuildKit then falls back to the shell form).
    mutating func number() -> Bool {
      let start = index
      guard digitsOfNumber() else { return false }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars[start..<index])
      return Double(String(text))?.isFinite ?? false
    }

    mutating func digitsOfNumber() -> Bool {
      if peek == "-" { index += 1 }
      guard let first = peek, Scalars.isASCIIDigit(first) else { return false }
      index += 1
      if first != "0" { digits() }
      if peek == "." {
        index += 1
        guard let scalar = peek, Scalars.isASCIIDigit(scalar) else { return false }
        digits()
      }
      if peek == "e" || peek == "E" {
        index += 1
        if peek == "+" || peek == "-" { index += 1 }
        guard let scalar = peek, Scalars.isASCIIDigit(scalar) else { return false }
        digits()
      }
      return true
    }

    mutating func digits() {
      while let scalar = peek, Scalars.isASCIIDigit(scalar) { index += 1 }
    }

    /// Reads a string starting at `"`; nil if it is malformed.
    mutating func string() -> String? {
      index += 1
      var result = String.UnicodeScalarView()
      while let scalar = peek {
        index += 1
        switch scalar {
        case "\"":
          return String(result)
        case "\\":
          guard let escaped = peek else { return nil }
          index += 1
          switch escaped {
          case "\"", "\\", "/": result.append(escaped)
          case "b": result.append("\u{08}")
          case "f": result.append("\u{0C}")
          case "n": result.append("\n")
          case "r": result.append("\r")
          case "t": result.append("\t")
          case "u":
            guard let unit = hex4() else { return nil }
            result.append(decodeUnit(unit))
          default: return nil
          }
        default:
          if scalar.value < 0x20 { return nil }
          result.append(scalar)
        }
      }
      return nil
    }

    /// Decodes a `\uXXXX` unit, joining a surrogate pair; lone surrogates become U+FFFD as in Go.
    mutating func decodeUnit(_ unit: UInt32) -> Unicode.Scalar {
      if (0xD800..<0xDC00).contains(unit), index + 1 < scalars.count, scalars[index] == "\\", scalars[index + 1] == "u" {
        let saved = index
        index += 2
        if let low = hex4(), (0xDC00..<0xE000).contains(low) {
          let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
          return Unicode.Scalar(combined) ?? "\u{FFFD}"
        }
        index = saved
      }
      return Unicode.Scalar(unit) ?? "\u{FFFD}"
    }

    mutating func hex4() -> UInt32? {
      guard index + 4 <= scalars.count else { return nil }
      var value: UInt32 = 0
      for offset in 0..<4 {
        guard let digit = scalars[index + offset].hexDigitValue else { return nil }
        value = value * 16 + digit
      }
      index += 4
      return value
    }
  }
}

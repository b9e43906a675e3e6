/// The text of a checked file, decoded for the parsers.
///
/// Decoding rules, shared by every reader so they all agree on line and column:
/// a UTF-8 byte-order mark is dropped; CRLF and lone CR line endings count as one
/// line break; a NUL byte or invalid UTF-8 is an input error at the offending
/// line and column (the file is binary or not UTF-8, and no reader can trust it).
public struct SourceText: Sendable {
  public let file: String
  /// The decoded text, BOM removed, line endings kept as written.
  public let text: String
  /// Whether the file starts with a UTF-8 byte-order mark (dropped from `text`). The
  /// parsers read past it; a kernel looking for `#!` at a script's first byte does not.
  public let startsWithByteOrderMark: Bool

  public init(file: String, bytes: [UInt8]) throws(InputError) {
    var body = bytes[...]
    startsWithByteOrderMark = body.starts(with: [0xEF, 0xBB, 0xBF])
    if startsWithByteOrderMark { body = body.dropFirst(3) }
    // Most files are valid UTF-8 without NUL bytes: the standard library validates them in
    // bulk; only a file that fails is walked byte by byte, to say where.
    if !body.contains(0), let text = String(validating: body, as: UTF8.self) {
      self.file = file
      self.text = text
      return
    }
    // A UTF-16 or UTF-32 byte-order mark (Windows editors save "Unicode" so): say what the
    // file is, rather than name its first byte.
    for (mark, encoding) in [([0xFF, 0xFE, 0, 0], "UTF-32"), ([0, 0, 0xFE, 0xFF], "UTF-32"), ([0xFF, 0xFE], "UTF-16"), ([0xFE, 0xFF], "UTF-16")] as [([UInt8], String)]
    where body.starts(with: mark) {
      throw InputError("the file is \(encoding) text (it starts with a \(encoding) byte-order mark); save it as UTF-8", at: .start(of: file))
    }
    var line = 1
    var column = 1
    var index = body.startIndex
    while index < body.endIndex {
      let byte = body[index]
      if byte == 0 {
        throw InputError("NUL byte in file: it looks binary, not text", at: .init(file: file, line: line, column: column))
      }
      let width: Int
      switch byte {
      case 0x00..<0x80: width = 1
      case 0xC2..<0xE0: width = 2
      case 0xE0..<0xF0: width = 3
      case 0xF0..<0xF5: width = 4
      default: width = 0
      }
      var valid = width > 0 && index + width <= body.endIndex
      if valid && width > 1 {
        for k in 1..<width where body[index + k] & 0xC0 != 0x80 { valid = false }
        if valid {
          let b1 = body[index + 1]
          if byte == 0xE0 && b1 < 0xA0 { valid = false }  // overlong
          if byte == 0xED && b1 >= 0xA0 { valid = false }  // surrogates
          if byte == 0xF0 && b1 < 0x90 { valid = false }  // overlong
          if byte == 0xF4 && b1 >= 0x90 { valid = false }  // above U+10FFFF
        }
      }
      if !valid {
        throw InputError("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); the file must be UTF-8 text", at: .init(file: file, line: line, column: column))
      }
      if byte == 0x0A || (byte == 0x0D && (index + 1 == body.endIndex || body[index + 1] != 0x0A)) {
        line += 1
        column = 1
      } else if byte != 0x0D {
        column += 1
      }
      index += width
    }
    self.file = file
    self.text = String(decoding: body, as: UTF8.self)
  }

  public init(file: String, text: String) {
    self.file = file
    startsWithByteOrderMark = text.hasPrefix("\u{FEFF}")
    self.text = startsWithByteOrderMark ? String(text.dropFirst()) : text
  }

  /// Reads and decodes `path`; `displayName` is what diagnostics print. With `root`, the
  /// file opened must lie under `root` (see `FileBytes.contents(of:inside:)`).
  /// - Throws: `InputError` at the file's start when it cannot be read, is no regular
  ///   file, is over `FileBytes.maximumSize`, lies outside `root`, or does not decode.
  public static func read(path: String, displayName: String? = nil, inside root: String? = nil) throws(InputError) -> SourceText {
    let name = displayName ?? path
    switch FileBytes.contents(of: path, inside: root) {
    case .success(let bytes):
      return try SourceText(file: name, bytes: bytes)
    case .failure(.tooLarge(let size)):
      throw InputError("file is \(size) bytes; the limit is \(FileBytes.maximumSize) bytes (16 MiB)", at: .start(of: name))
    case .failure(.notRegular(let kind)):
      throw InputError("cannot read file: it is \(kind), not a regular file", at: .start(of: name))
    case .failure(.outside):
      throw InputError("the file opened lies outside --root (a symbolic link that appeared after the path was checked); vibe-rules reads only the repository's own files", at: .start(of: name))
    case .failure(.unreadable):
      throw InputError("cannot read file (missing, a directory, or unreadable)", at: .start(of: name))
    }
  }

  /// The text split into lines (CRLF, CR and LF all end a line), without terminators.
  ///
  /// Split over UTF-8 bytes: LF and CR are grapheme-cluster boundaries on both sides
  /// (Unicode UAX #29 rules GB3-GB5), and CR LF is one, so the lines are the same as a
  /// split by `Character`, which costs far more (it was 5% of `vibe-rules report`).
  public var lines: [Substring] {
    var text = text
    // One UTF-8 buffer (a native string is one already): its line ends are found over the
    // bytes and offset to string indices in constant time. Stepping `String.UTF8View`
    // indices instead had cost 0.75 M instructions for REQUIREMENTS.md's 15.9 KB.
    text.makeContiguousUTF8()
    let utf8 = text.utf8
    var result: [Substring] = []
    var start = utf8.startIndex
    _ = utf8.withContiguousStorageIfAvailable { bytes in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
          index += 1
          continue
        }
        var next = index + 1
        if byte == UInt8(ascii: "\r"), next < bytes.count, bytes[next] == UInt8(ascii: "\n") { next += 1 }
        // Each line as it is found: a list of line ends first had raised the peak by half
        // for a file of newlines.
        result.append(text[start..<utf8.index(utf8.startIndex, offsetBy: index)])
        start = utf8.index(utf8.startIndex, offsetBy: next)
        index = next
      }
    }
    result.append(text[start..<utf8.endIndex])
    return result
  }
}

import Diagnostics

/// Finds where each key of a TOML file is written, since TOMLKit (toml++) reports no
/// positions for values. It follows table headers (`[a.b.c]`, quoted parts allowed),
/// dotted keys (`deploy.parameters.region = ...`) and skips the inside of multi-line
/// strings; the result maps a full key path (`dev.deploy.parameters.region`) to the
/// line and column of the key. Quoted key parts are read as TOML reads them: escapes in
/// `"..."` decoded, `'...'` literal.
struct TOMLKeyLocator {
  /// A key with a part that holds a NUL (`"pr\u0000od"`): the path up to the NUL
  /// (`pr`), and where the key is written.
  struct KeyHoldingNUL {
    var cut: String
    var location: SourceLocation
  }

  private(set) var locations: [String: SourceLocation] = [:]
  /// Table paths in the order their headers appear.
  private(set) var tableOrder: [String] = []
  /// Keys holding a NUL, in the order they are written. toml++ hands such keys over cut
  /// at the NUL, where they may even equal another key, so they are found here, in the
  /// text.
  private(set) var keysHoldingNUL: [KeyHoldingNUL] = []

  init(_ source: SourceText) {
    var table: [String] = []
    var inMultilineString: String? = nil
    for (offset, rawLine) in source.lines.enumerated() {
      let lineNumber = offset + 1
      let line = Substring(rawLine)
      if let delimiter = inMultilineString {
        if line.contains(delimiter) { inMultilineString = nil }
        continue
      }
      let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
      let trimmed = line.dropFirst(indent)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if trimmed.hasPrefix("[") {
        let isArray = trimmed.hasPrefix("[[")
        let body = trimmed.dropFirst(isArray ? 2 : 1)
        guard let close = body.firstIndex(of: "]") else { continue }
        let here = SourceLocation(file: source.file, line: lineNumber, column: indent + 1)
        let header = Self.splitKey(body[..<close])
        table = header.parts
        if let cut = header.cutAtNUL { keysHoldingNUL.append(KeyHoldingNUL(cut: cut.joined(separator: "."), location: here)) }
        // The header also locates its first key's table (`[dev.deploy.parameters]` is where
        // config env `dev` first appears), unless one was written before. Only that one:
        // every prefix of a 50,000-part header would be gigabytes of keys.
        let path = table.joined(separator: ".")
        if locations[path] == nil { locations[path] = here }
        if let first = table.first, locations[first] == nil { locations[first] = here }
        tableOrder.append(path)
        continue
      }
      guard let equals = Self.keyEnd(trimmed) else { continue }
      let key = Self.splitKey(trimmed[..<equals])
      guard !key.parts.isEmpty else { continue }
      let path = (table + key.parts).joined(separator: ".")
      let here = SourceLocation(file: source.file, line: lineNumber, column: indent + 1)
      locations[path] = here
      if let cut = key.cutAtNUL { keysHoldingNUL.append(KeyHoldingNUL(cut: (table + cut).joined(separator: "."), location: here)) }
      let value = trimmed[trimmed.index(after: equals)...].drop(while: { $0 == " " })
      for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
        if !value.dropFirst(3).contains(delimiter) { inMultilineString = delimiter }
      }
    }
  }

  /// The `=` that ends a key (outside quotes), if the line is a key/value line.
  private static func keyEnd(_ line: Substring) -> Substring.Index? {
    var quote: Character? = nil
    var escaped = false
    for index in line.indices {
      let character = line[index]
      if let open = quote {
        if escaped {
          escaped = false
        } else if open == "\"" && character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "=" {
        return index
      }
    }
    return nil
  }

  /// A dotted key split into its parts; `cutAtNUL`, for a key with a part that holds a
  /// NUL, the parts up to it (the last one cut at the NUL).
  struct SplitKey {
    var parts: [String]
    var cutAtNUL: [String]?
  }

  /// `a."b.c" . d` → `["a", "b.c", "d"]`; `"x\u0041"` → `xA`.
  /// Reference: TOML v1.0.0, "Keys" and "String", https://toml.io/en/v1.0.0#string
  static func splitKey(_ text: Substring) -> SplitKey {
    var parts: [String] = []
    var current = ""
    var cutAtNUL: [String]? = nil
    var quote: Character? = nil
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      text.formIndex(after: &index)
      if let open = quote {
        if character == open {
          quote = nil
        } else if open == "\"" && character == "\\" && index < text.endIndex {
          let escape = text[index]
          text.formIndex(after: &index)
          let digits = escape == "u" ? 4 : escape == "U" ? 8 : 0
          if digits > 0 {
            let end = text.index(index, offsetBy: digits, limitedBy: text.endIndex) ?? text.endIndex
            let code = UInt32(text[index..<end], radix: 16)
            index = end
            if code == 0, cutAtNUL == nil { cutAtNUL = parts + [current] }
            if let code, code != 0, let scalar = Unicode.Scalar(code) { current.unicodeScalars.append(scalar) }
          } else {
            let simple: [Character: Character] = ["b": "\u{8}", "t": "\t", "n": "\n", "f": "\u{c}", "r": "\r", "e": "\u{1b}", "\"": "\"", "\\": "\\"]
            current.append(simple[escape] ?? escape)
          }
        } else {
          current.append(character)
        }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "." {
        parts.append(current)
        current = ""
      } else if character != " " && character != "\t" {
        current.append(character)
      }
    }
    parts.append(current)
    return SplitKey(parts: parts.filter { !$0.isEmpty }, cutAtNUL: cutAtNUL)
  }
}

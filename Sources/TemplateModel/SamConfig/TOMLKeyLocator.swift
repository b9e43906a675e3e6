import Diagnostics

/// Finds where each key of a TOML file is written, since TOMLKit (toml++) reports no
/// positions for values. It follows table headers (`[a.b.c]`, quoted parts allowed),
/// dotted keys (`deploy.parameters.region = ...`) and skips the inside of multi-line
/// strings; the result maps a full key path (`dev.deploy.parameters.region`) to the
/// line and column of the key.
struct TOMLKeyLocator {
  private(set) var locations: [String: SourceLocation] = [:]
  /// Table paths in the order their headers appear.
  private(set) var tableOrder: [String] = []

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
        table = Self.splitKey(body[..<close])
        // The header also locates its first key's table (`[dev.deploy.parameters]` is where
        // config env `dev` first appears), unless one was written before. Only that one:
        // every prefix of a 50,000-part header would be gigabytes of keys.
        let here = SourceLocation(file: source.file, line: lineNumber, column: indent + 1)
        let path = table.joined(separator: ".")
        if locations[path] == nil { locations[path] = here }
        if let first = table.first, locations[first] == nil { locations[first] = here }
        tableOrder.append(path)
        continue
      }
      guard let equals = Self.keyEnd(trimmed) else { continue }
      let key = Self.splitKey(trimmed[..<equals])
      guard !key.isEmpty else { continue }
      let path = (table + key).joined(separator: ".")
      locations[path] = SourceLocation(file: source.file, line: lineNumber, column: indent + 1)
      let value = trimmed[trimmed.index(after: equals)...].drop(while: { $0 == " " })
      for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
        if !value.dropFirst(3).contains(delimiter) { inMultilineString = delimiter }
      }
    }
  }

  /// The `=` that ends a key (outside quotes), if the line is a key/value line.
  private static func keyEnd(_ line: Substring) -> Substring.Index? {
    var quote: Character? = nil
    for index in line.indices {
      let character = line[index]
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "=" {
        return index
      }
    }
    return nil
  }

  /// `a."b.c" . d` → `["a", "b.c", "d"]`.
  static func splitKey(_ text: Substring) -> [String] {
    var parts: [String] = []
    var current = ""
    var quote: Character? = nil
    for character in text {
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
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
    return parts.filter { !$0.isEmpty }
  }
}

import Diagnostics

/// Finds where each key of a TOML file is written, since TOMLKit (toml++) reports no
/// positions for values. It follows table headers (`[a.b.c]`, quoted parts allowed),
/// dotted keys (`deploy.parameters.region = ...`) and skips the inside of multi-line
/// strings (`linesStartingInMultilineStrings`); the result maps a full key path
/// (`dev.deploy.parameters.region`) to the line and column of the key. Quoted key parts are read as TOML reads them: escapes in
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
  /// Where an escape in a basic string (key or value) writes a NUL (`\u0000`,
  /// `\U00000000`), at its backslash, in the order written. toml++ hands such a string
  /// over cut at the NUL, so a value read through TOMLKit would silently be shorter than
  /// the one written.
  private(set) var nulEscapes: [SourceLocation] = []

  init(_ source: SourceText) {
    var table: [String] = []
    let strings = Self.strings(source.text)
    let insideStrings = strings.multilineLines
    nulEscapes = strings.nulEscapes.map { SourceLocation(file: source.file, line: $0.line, column: $0.column) }
    for (offset, rawLine) in source.lines.enumerated() {
      let lineNumber = offset + 1
      let line = Substring(rawLine)
      if insideStrings.contains(lineNumber) { continue }
      let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
      let trimmed = line.dropFirst(indent)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if trimmed.hasPrefix("[") {
        guard let header = Self.header(trimmed)?.key else { continue }
        let here = SourceLocation(file: source.file, line: lineNumber, column: indent + 1)
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
    }
  }

  /// The line numbers (from 1) that start inside a multi-line string, whatever opens it
  /// (after `=` and spaces or tabs, inside an array, ...): a pass over the text that
  /// follows TOML's strings and comments. Such a line is string content, never a key or a
  /// table header (it had been: `hide =<tab>"""` was missed, and a later `c = """` taken
  /// as an opener hid the lines up to the next `"""`, a NUL key among them).
  /// Reference: TOML v1.0.0, "String", https://toml.io/en/v1.0.0#string
  static func linesStartingInMultilineStrings(_ text: String) -> Set<Int> {
    strings(text).multilineLines
  }

  /// One pass over the text that follows TOML's strings and comments: the lines that
  /// start inside a multi-line string, and where an escape in a basic string (`"..."` or
  /// `"""..."""`) writes a NUL (1-based line and column, in Unicode scalars, of its
  /// backslash).
  private static func strings(_ text: String) -> (multilineLines: Set<Int>, nulEscapes: [(line: Int, column: Int)]) {
    enum State { case normal, comment, basic, literal, multilineBasic, multilineLiteral }
    let scalars = Array(text.unicodeScalars)
    var lines: Set<Int> = []
    var nulEscapes: [(line: Int, column: Int)] = []
    var lineStart = 0
    var state = State.normal
    var line = 1
    var index = 0
    // Whether the escape whose backslash is at `start` writes a NUL.
    func writesNUL(at start: Int) -> Bool {
      guard start + 1 < scalars.count else { return false }
      let digits = scalars[start + 1] == "u" ? 4 : scalars[start + 1] == "U" ? 8 : 0
      guard digits > 0, start + 1 + digits < scalars.count else { return false }
      return scalars[(start + 2)...(start + 1 + digits)].allSatisfy { $0 == "0" }
    }
    /// How many `quote`s run from `start`.
    func run(of quote: Unicode.Scalar, at start: Int) -> Int {
      var end = start
      while end < scalars.count, scalars[end] == quote { end += 1 }
      return end - start
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\n" {
        line += 1
        lineStart = index + 1
        switch state {
        case .multilineBasic, .multilineLiteral: lines.insert(line)
        case .comment, .basic, .literal: state = .normal
        case .normal: break
        }
        index += 1
        continue
      }
      switch state {
      case .normal:
        if scalar == "#" {
          state = .comment
        } else if scalar == "\"" || scalar == "'" {
          let opens = run(of: scalar, at: index) >= 3
          state = scalar == "\"" ? (opens ? .multilineBasic : .basic) : (opens ? .multilineLiteral : .literal)
          index += opens ? 2 : 0
        }
      case .comment:
        break
      case .basic:
        if scalar == "\\" {
          if writesNUL(at: index) { nulEscapes.append((line, index - lineStart + 1)) }
          if index + 1 < scalars.count, scalars[index + 1] != "\n" { index += 1 }
        } else if scalar == "\"" {
          state = .normal
        }
      case .literal:
        if scalar == "'" { state = .normal }
      case .multilineBasic, .multilineLiteral:
        let quote: Unicode.Scalar = state == .multilineBasic ? "\"" : "'"
        if state == .multilineBasic && scalar == "\\" {
          if writesNUL(at: index) { nulEscapes.append((line, index - lineStart + 1)) }
          // An escaped character; a line-ending backslash leaves the line break to count.
          if index + 1 < scalars.count, scalars[index + 1] != "\n" { index += 1 }
        } else if scalar == quote {
          // Up to two quotes may stand just before the closing three (`""""` ends with
          // one quote of content).
          let count = run(of: quote, at: index)
          if count >= 3 { state = .normal }
          index += count - 1
        }
      }
      index += 1
    }
    return (lines, nulEscapes)
  }

  /// The key of a `[table]` or `[[array of tables]]` header line (blanks before it
  /// allowed), and whether it is an array of tables; nil for any other line.
  static func header(_ line: Substring) -> (key: SplitKey, isArray: Bool)? {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.hasPrefix("[") else { return nil }
    let isArray = trimmed.hasPrefix("[[")
    let body = trimmed.dropFirst(isArray ? 2 : 1)
    return headerEnd(body).map { (splitKey(body[..<$0]), isArray) }
  }

  /// The `]` that ends a table header's key in `body` (the text after `[`): the first one
  /// outside quotes (`["prod]".deploy]` is the table `prod]` `deploy`, where the first `]`
  /// had been taken for the end).
  static func headerEnd(_ body: Substring) -> Substring.Index? {
    firstUnquoted("]", in: body)
  }

  /// The `=` that ends a key (outside quotes), if the line is a key/value line.
  private static func keyEnd(_ line: Substring) -> Substring.Index? {
    firstUnquoted("=", in: line)
  }

  /// The first `target` in `text` outside `"..."` (with its backslash escapes) and
  /// `'...'` quotes.
  private static func firstUnquoted(_ target: Character, in text: Substring) -> Substring.Index? {
    var quote: Character? = nil
    var escaped = false
    for index in text.indices {
      let character = text[index]
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
      } else if character == target {
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

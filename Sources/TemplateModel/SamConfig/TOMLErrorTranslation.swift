import Diagnostics
import Foundation

/// Says a toml++ redefinition error in samconfig's terms: which table or key is written
/// twice and where it first is (toml++ says "cannot redefine existing table 'X'" at the
/// second header, or "cannot redefine existing string 'region'" at the second value).
/// TOML allows each table header and each key of a table once (TOML 1.0, "Table" and
/// "Keys": https://toml.io/en/v1.0.0#table).
enum TOMLErrorTranslation {
  /// The message and location for toml++'s `description` at `line` (1-based), or nil
  /// when it is not a redefinition.
  static func redefinition(_ description: String, line: Int, in source: SourceText) -> (message: String, location: SourceLocation)? {
    guard let range = description.rangeOfText("cannot redefine existing ") else { return nil }
    let rest = description[range.upperBound...]
    guard let open = rest.firstIndex(of: "'"), let close = rest.lastIndex(of: "'"), open < close else { return nil }
    let kind = rest[..<open].trimmingCharacters(in: .whitespaces)
    let name = String(rest[rest.index(after: open)..<close])
    // Lines inside multi-line strings are text, never headers or keys: blanked.
    let inside = TOMLKeyLocator.linesStartingInMultilineStrings(source.text)
    // `SourceText.lines`: LF and CR LF both end a line (a CR LF is one `Character`, so a
    // split at "\n" had left a CRLF file one line).
    let lines = source.lines.enumerated().map { inside.contains($0.offset + 1) ? Substring() : $0.element }
    guard line >= 1, line <= lines.count else { return nil }
    // At the start of the second header or key.
    let at = SourceLocation(file: source.file, line: line, column: column(ofFirstNonBlankIn: lines[line - 1]))
    // A table header and an array-of-tables header of one name (`[[t]]` then `[t]`, or
    // the other way round): toml++ calls the second a redefinition of a key or a table.
    // An array of tables also meets a table made by a header under it (`[t.x]` makes `t`
    // a table).
    if let (path, isArray) = anyHeader(lines[line - 1]),
      let other = lines[..<(line - 1)].indices.first(where: { index in
        anyHeader(lines[index]).map { earlier in
          earlier.isArray != isArray && (earlier.path == path || (isArray && earlier.path.hasPrefix(path + ".")))
        } ?? false
      }),
      let earlier = anyHeader(lines[other])
    {
      let written = isArray ? "[[\(path)]]" : "[\(path)]"
      let before = earlier.isArray ? "[[\(earlier.path)]]" : "[\(earlier.path)]"
      return ("\(written) makes \(path) \(isArray ? "an array of tables" : "a table"), but \(before) at line \(other + 1) made it \(isArray ? "a table" : "an array of tables"); TOML allows one or the other", at)
    }
    if kind == "table" {
      // The table's path from the text, keys decoded as TOML reads them (toml++'s quoting
      // of a quoted part garbles it: `["dev".x]` came back as `"dedev".x`): a header, or a
      // key under the header above it (`deploy = {...}` under `[prod]` is `prod.deploy`).
      let path = tablePath(at: line - 1, in: lines) ?? name
      // First defined by its own header or key, or implicitly by a table under it.
      let first = lines[..<(line - 1)].indices.first { index in
        tablePath(at: index, in: lines).map { $0 == path || $0.hasPrefix(path + ".") } ?? false
      }.map { $0 + 1 }
      // First set by a key (`t = {a = 1}`, `t = [...]`): a value written inline is
      // complete where it is written, so no header may add to it (TOML 1.0, "Inline Table").
      if let first, anyHeader(lines[first - 1]) == nil {
        let written = anyHeader(lines[line - 1]).map { $0.isArray ? "[[\($0.path)]]" : "[\($0.path)]" } ?? "[\(path)]"
        return (headerAfterKey(written, path: path, keyLine: first, lines: lines), at)
      }
      return ("table [\(path)] is defined twice\(first.map { ", first at line \($0)" } ?? ""); TOML allows each table once: put these keys under the first", at)
    }
    // A header whose table a key above set inline (`t = [{...}]` then `[[t]]`).
    if let (path, isArray) = anyHeader(lines[line - 1]),
      let first = lines[..<(line - 1)].indices.first(where: { anyHeader(lines[$0]) == nil && tablePath(at: $0, in: lines) == path })
    {
      return (headerAfterKey(isArray ? "[[\(path)]]" : "[\(path)]", path: path, keyLine: first + 1, lines: lines), at)
    }
    // A key: its table is the last header above it.
    let tableLine = lines[..<(line - 1)].lastIndex { header(of: $0) != nil }
    let table = tableLine.flatMap { header(of: lines[$0]) }
    let start = tableLine.map { $0 + 1 } ?? 0
    let first = lines[start..<(line - 1)].firstIndex { key(of: $0) == name }.map { $0 + 1 }
    return ("key \(name) is set twice in \(table.map { "table [\($0)]" } ?? "the top-level table")\(first.map { ", first at line \($0)" } ?? ""); TOML allows each key of a table once", at)
  }

  /// The message for header `written` (`[t]`, `[[t]]`) adding to `path`, which the key at
  /// `keyLine` (1-based) of `lines` set: to an inline table or array, complete where it is
  /// written (TOML 1.0, "Inline Table", "Array of Tables"), or to a value that is no table.
  private static func headerAfterKey(_ written: String, path: String, keyLine: Int, lines: [Substring]) -> String {
    let line = lines[keyLine - 1]
    let value = line.firstIndex(of: "=").map { line[line.index(after: $0)...].drop { $0 == " " || $0 == "\t" } } ?? Substring()
    if value.hasPrefix("{") || value.hasPrefix("[") {
      let what = value.hasPrefix("{") ? "an inline table" : "an inline array"
      return "\(written) adds to \(path), which the key at line \(keyLine) sets to \(what); a value written inline is complete where it is written: write \(path) with headers only, or put these keys into the inline value"
    }
    return "\(written) makes \(path) a table, but the key at line \(keyLine) sets it to a value; TOML allows one or the other"
  }

  /// The table path line `index` of `lines` defines, parts decoded and joined by `.`: a
  /// `[header]`'s, or a key's under the last header above it; nil for other lines.
  private static func tablePath(at index: Int, in lines: [Substring]) -> String? {
    if let header = headerParts(lines[index]) { return header.joined(separator: ".") }
    let trimmed = lines[index].drop { $0 == " " || $0 == "\t" }
    guard let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") else { return nil }
    let key = TOMLKeyLocator.splitKey(trimmed[..<equals]).parts
    let table = lines[..<index].lazy.reversed().compactMap(headerParts).first ?? []
    return (table + key).joined(separator: ".")
  }

  /// The parts of the table a `[name]` header line opens, decoded as TOML reads them;
  /// nil for any other line (`[[name]]` too).
  private static func headerParts(_ line: Substring) -> [String]? {
    guard let header = TOMLKeyLocator.header(line), !header.isArray else { return nil }
    return header.key.parts
  }

  /// The path of a `[name]` or `[[name]]` header line (parts decoded, joined by `.`) and
  /// whether it is an array of tables; nil for any other line.
  private static func anyHeader(_ line: Substring) -> (path: String, isArray: Bool)? {
    TOMLKeyLocator.header(line).map { ($0.key.parts.joined(separator: "."), $0.isArray) }
  }

  /// The name of the table a `[name]` header line opens (parts joined by `.`), or nil.
  private static func header(of line: Substring) -> String? {
    headerParts(line)?.joined(separator: ".")
  }

  /// The bare key a `key = value` line sets, or nil.
  private static func key(of line: Substring) -> String? {
    guard let equals = line.firstIndex(of: "=") else { return nil }
    let key = line[..<equals].trimmingCharacters(in: .whitespaces)
    return key.isEmpty || key.hasPrefix("#") ? nil : key
  }

  private static func column(ofFirstNonBlankIn line: Substring) -> Int {
    (line.firstIndex { $0 != " " && $0 != "\t" }.map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 1
  }
}

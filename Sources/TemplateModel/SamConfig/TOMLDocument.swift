import Diagnostics
import TOMLKit

/// A TOML file read for a few values by key path (`["server", "port"]`), each with the
/// location of its key. Used for files other than samconfig (Streamlit's
/// `.streamlit/config.toml`). Text that does not follow the TOML grammar is an
/// `InputError` (checked before toml++ sees it: see `TOMLSyntaxCheck`).
public struct TOMLDocument: Sendable {
  /// A value: an integer, a string, or something else shown as TOML writes it.
  public enum Value: Sendable, Hashable {
    case integer(Int)
    case string(String)
    case other(String)
  }

  private let values: [String: Located<Value>]

  /// Parses `source`.
  ///
  /// - Throws: `InputError` for text that is no TOML, and for a key or string value
  ///   holding a NUL character (valid TOML, `"po\u0000rt"`): toml++ hands such a string
  ///   over cut at the NUL, so a key would be dropped without a word or, when its cut
  ///   equals another key, take that key's place, and a value would be read shorter.
  public static func parse(_ source: SourceText) throws(InputError) -> TOMLDocument {
    let table = try table(source)
    let locator = TOMLKeyLocator(source)
    if let first = locator.keysHoldingNUL.first { throw unreadableKey(first.cut, at: first.location) }
    if let first = locator.nulEscapes.first {
      throw InputError("this string holds a NUL character (\\u0000), which vibe-rules cannot read: TOML's reader cuts the string there", at: first)
    }
    var values: [String: Located<Value>] = [:]
    func walk(_ table: TOMLTable, _ path: [String]) throws(InputError) {
      for key in table.keys {
        guard let value = table[key] else {
          let cut = (path + [key]).joined(separator: ".")
          throw unreadableKey(cut, at: locator.locations[cut] ?? .start(of: source.file))
        }
        let full = path + [key]
        if let inner = value.table {
          try walk(inner, full)
          continue
        }
        let joined = full.joined(separator: ".")
        let location = locator.locations[joined] ?? .start(of: source.file)
        let read: Value = value.int.map { .integer($0) } ?? value.string.map { .string($0) } ?? .other(value.debugDescription)
        values[joined] = Located(read, at: location)
      }
    }
    try walk(table, [])
    return TOMLDocument(values: values)
  }

  private static func unreadableKey(_ cut: String, at location: SourceLocation) -> InputError {
    InputError("the key \"\(cut)...\" holds a NUL character (\\u0000), which vibe-rules cannot read", at: location)
  }

  /// The value at `path` (`["server", "port"]`), whether written in a `[server]` table or
  /// as a dotted key.
  public subscript(path: [String]) -> Located<Value>? { values[path.joined(separator: ".")] }

  /// `source` as a TOMLKit table. toml++ aborts on some malformed TOML instead of
  /// reporting it: only text that follows the TOML grammar reaches it (`TOMLSyntaxCheck`).
  ///
  /// - Throws: `InputError` at the first fault, located where the parser says.
  static func table(_ source: SourceText) throws(InputError) -> TOMLTable {
    if let fault = TOMLSyntaxCheck.firstFault(in: source) { throw fault }
    do {
      return try TOMLTable(string: source.text)
    } catch let error as TOMLParseError {
      let line = max(error.source.begin.line, 1)
      if let redefinition = TOMLErrorTranslation.redefinition(error.description, line: line, in: source) {
        throw InputError("invalid TOML: \(redefinition.message)", at: redefinition.location)
      }
      throw InputError("invalid TOML: \(error.description)", at: SourceLocation(file: source.file, line: line, column: max(error.source.begin.column, 1)))
    } catch {
      throw InputError("invalid TOML: \(error)", at: .start(of: source.file))
    }
  }
}

import Foundation
import Diagnostics
import Testing

@testable import TemplateModel

/// A table header or a key written twice is a TOML error; the message names it and
/// where it first is, in samconfig's terms, instead of toml++'s "cannot redefine
/// existing table".
@Suite struct SamConfigRedefinitionTests {
  static func error(_ text: String) throws -> InputError {
    try #require(throws: InputError.self) { try SamConfig.load(SourceText(file: "samconfig.toml", text: text)) }
  }

  @Test func aTableWrittenTwice() throws {
    let error = try Self.error("version = 0.1\n[dev.deploy.parameters]\nregion = \"us-east-1\"\n\n[ dev.deploy.parameters ]\nstack_name = \"x\"\n")
    #expect(error.message == "invalid TOML: table [dev.deploy.parameters] is defined twice, first at line 2; TOML allows each table once: put these keys under the first")
    #expect(error.location == SourceLocation(file: "samconfig.toml", line: 5, column: 1))
  }

  @Test func aKeySetTwiceInATable() throws {
    let error = try Self.error("version = 0.1\n[dev.deploy.parameters]\nregion = \"us-west-2\"\n  # the region\n  region = \"us-east-1\"\n")
    #expect(error.message == "invalid TOML: key region is set twice in table [dev.deploy.parameters], first at line 3; TOML allows each key of a table once")
    #expect(error.location == SourceLocation(file: "samconfig.toml", line: 5, column: 3))
  }

  @Test func aKeySetTwiceAtTheTop() throws {
    let error = try Self.error("version = 0.1\nversion = 0.2\n")
    #expect(error.message == "invalid TOML: key version is set twice in the top-level table, first at line 1; TOML allows each key of a table once")
  }

  /// A table written again with quoted or escaped parts, or through a key under its parent
  /// header, is named as TOML reads it (toml++'s own quoting had garbled the name:
  /// `["dev".x]` came back as `"dedev".x`, and `deploy = {...}` under `[prod]` as `deploy`).
  @Test(arguments: [
    (#"["dev".deploy.parameters]"# + "\nregion = \"x\"\n", "dev.deploy.parameters", 5),
    (#"["\u0064ev".deploy.parameters]"# + "\nregion = \"x\"\n", "dev.deploy.parameters", 5),
    ("[dev]\ndeploy = { x = 1 }\n", "dev.deploy", 6),
  ])
  func aTableWrittenAgainIsNamedAsTOMLReadsIt(again: String, table: String, line: Int) throws {
    let error = try Self.error("version = 0.1\n[dev.deploy.parameters]\nregion = \"us-east-1\"\n\n" + again)
    #expect(error.message == "invalid TOML: table [\(table)] is defined twice, first at line 2; TOML allows each table once: put these keys under the first")
    #expect(error.location?.line == line)
  }

  /// A `]` inside a quoted header key, and header or key lines inside a multi-line string,
  /// do not mislead the message (it had named `[a]`, and a line inside the string).
  @Test(arguments: [
    ("[\"a]b\"]\nx = 1\n[\"a]b\"]\ny = 2\n", "invalid TOML: table [a]b] is defined twice, first at line 2; TOML allows each table once: put these keys under the first"),
    ("zz = \"\"\"\n[q]\n\"\"\"\n[q]\nx = 1\n[q]\ny = 2\n", "invalid TOML: table [q] is defined twice, first at line 5; TOML allows each table once: put these keys under the first"),
    ("[q]\nzz = \"\"\"\nx = 0\n\"\"\"\nx = 1\nx = 2\n", "invalid TOML: key x is set twice in table [q], first at line 6; TOML allows each key of a table once"),
  ])
  func quotesAndStringsDoNotMisleadTheMessage(text: String, message: String) throws {
    #expect(try Self.error("version = 0.1\n" + text).message == message)
  }

  /// A table and an array of tables of one name: the message says so, where it had called
  /// the second a key set twice, or a table defined twice with keys to move.
  @Test(arguments: [
    ("[[t]]\na = 1\n[t]\nb = 2\n", "invalid TOML: [t] makes t a table, but [[t]] at line 2 made it an array of tables; TOML allows one or the other", 4),
    ("[t]\nb = 2\n[[t]]\na = 1\n", "invalid TOML: [[t]] makes t an array of tables, but [t] at line 2 made it a table; TOML allows one or the other", 4),
    ("[t.x]\nb = 2\n[[t]]\na = 1\n", "invalid TOML: [[t]] makes t an array of tables, but [t.x] at line 2 made it a table; TOML allows one or the other", 4),
    ("[dev.deploy.parameters]\nregion = \"x\"\n[[dev]]\na = 1\n", "invalid TOML: [[dev]] makes dev an array of tables, but [dev.deploy.parameters] at line 2 made it a table; TOML allows one or the other", 4),
  ])
  func aTableAndAnArrayOfTablesOfOneName(text: String, message: String, line: Int) throws {
    try Self.expectError(after: text, message: message, line: line)
  }

  /// The error for `text` after `version = 0.1`, with LF and with CRLF line ends (a CR LF
  /// is one Character: a split at "\n" had missed them).
  static func expectError(after text: String, message: String, line: Int) throws {
    for written in ["version = 0.1\n" + text, ("version = 0.1\n" + text).replacingOccurrences(of: "\n", with: "\r\n")] {
      let error = try Self.error(written)
      #expect(error.message == message)
      #expect(error.location?.line == line)
    }
  }

  /// A header after a key that set the same name: to an inline table or array (complete
  /// where it is written) or to a plain value. The message had said the table was defined
  /// twice with keys to move under the first, or a key set twice.
  @Test(arguments: [
    ("[t]\nx = { a = 1 }\n[[t.x]]\nb = 2\n", "invalid TOML: [[t.x]] adds to t.x, which the key at line 3 sets to an inline table; a value written inline is complete where it is written: write t.x with headers only, or put these keys into the inline value", 4),
    ("[t]\nx = { a = 1 }\n[t.x]\nb = 2\n", "invalid TOML: [t.x] adds to t.x, which the key at line 3 sets to an inline table; a value written inline is complete where it is written: write t.x with headers only, or put these keys into the inline value", 4),
    ("[t]\nx = [ { a = 1 } ]\n[[t.x]]\nb = 2\n", "invalid TOML: [[t.x]] adds to t.x, which the key at line 3 sets to an inline array; a value written inline is complete where it is written: write t.x with headers only, or put these keys into the inline value", 4),
    ("[t]\nx = 1\n[t.x]\nb = 2\n", "invalid TOML: [t.x] makes t.x a table, but the key at line 3 sets it to a value; TOML allows one or the other", 4),
  ])
  func aHeaderAfterAKeyOfTheSameName(text: String, message: String, line: Int) throws {
    try Self.expectError(after: text, message: message, line: line)
  }
}

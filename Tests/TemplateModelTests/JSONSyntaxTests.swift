import Foundation
import Testing
@testable import TemplateModel

/// RFC 8259's grammar, which the services that read policy text hold it to; Foundation's
/// readers on Linux take a comma before a closing bracket, which is why `JSONSyntax` exists.
@Suite struct JSONSyntaxTests {
  @Test(arguments: [
    "{}", "[]", "0", "-0", "1.5e-3", "1E+2", "\"a\\u00e9\\n\"", "true", "false", "null", " \n\t\r{\"a\": [1, {\"b\": null}]} ",
    "\u{FEFF}{\"a\": 1}", "{\"a\": 1, \"a\": 2}", "\"é\"", "1e400",
  ])
  func textsOfTheGrammarPass(text: String) {
    #expect(JSONSyntax.firstViolation(in: text) == nil, "\(text.debugDescription)")
  }

  @Test(arguments: [
    ("{\"a\": 1,}", 1, 9, "a comma before \"}\""),
    ("[1, 2,]", 1, 7, "a comma before \"]\""),
    ("{\"a\": [\n  1,\n]}", 3, 1, "a comma before \"]\""),
    ("{'a': 1}", 1, 2, "a quoted member name expected, found \"'\""),
    ("{\"a\" 1}", 1, 6, "\":\" expected"),
    ("[01]", 1, 3, "leading zero"),
    ("[1.]", 1, 4, "after the decimal point"),
    ("[NaN]", 1, 2, "a value expected, found \"N\""),
    ("[\"a\tb\"]", 1, 4, "a control character (U+0009)"),
    ("[\"\\x\"]", 1, 4, "\\x is no JSON escape"),
    ("[\"\\u12g4\"]", 1, 7, "four hexadecimal digits"),
    ("{\"a\": 1} x", 1, 10, "more text after the JSON value"),
    ("{\"a\": tru}", 1, 7, "a value expected, found \"t\""),
    ("", 1, 1, "found the end of the text"),
    ("[1 2]", 1, 4, "\"]\" or \",\" expected, found \"2\""),
    ("// a comment\n{}", 1, 1, "a value expected, found \"/\""),
    ("{\"é\": x}", 1, 7, "a value expected, found \"x\""),
  ])
  func violationsAreLocated(text: String, line: Int, column: Int, message: String) throws {
    let violation = try #require(JSONSyntax.firstViolation(in: text), "\(text.debugDescription)")
    #expect(violation.line == line && violation.column == column, "\(violation)")
    #expect(violation.message.contains(message), "\(violation)")
  }

  @Test func nestingPastTheLimitIsAViolationNotACrash() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let violation = try #require(JSONSyntax.firstViolation(in: deep))
    #expect(violation.message.contains("nested more than 512"))
    #expect(JSONSyntax.firstViolation(in: String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) == nil)
  }

  /// cfn-lint's JSON templates: the good ones are JSON; its unparsable ones are not, and
  /// neither is any good one with a closing bracket or brace removed.
  @Test func cfnLintJSONTemplates() throws {
    let good = try FileManager.default.subpathsOfDirectory(atPath: SharedMaterial.url("corpus/cfn-lint-good").path).filter { $0.hasSuffix(".json") }
    #expect(good.count >= 10)
    for file in good {
      let text = try String(contentsOf: SharedMaterial.url("corpus/cfn-lint-good/" + file), encoding: .utf8)
      #expect(JSONSyntax.firstViolation(in: text) == nil, "\(file): \(JSONSyntax.firstViolation(in: text).map(\.description) ?? "")")
      if let last = text.lastIndex(where: { $0 == "}" || $0 == "]" }) {
        var broken = text
        broken.remove(at: last)
        #expect(JSONSyntax.firstViolation(in: broken) != nil, "\(file) without its last bracket")
      }
    }
    for file in ["bad/json_parse.json", "bad/core/config_invalid_json.json"] {
      let text = try String(contentsOf: SharedMaterial.url("corpus/cfn-lint-bad-parse/" + file), encoding: .utf8)
      #expect(JSONSyntax.firstViolation(in: text) != nil, "\(file)")
    }
  }
}

import Diagnostics
import Testing
import TemplateModel

/// `JSONDocument`: JSON text written as a string (a lifecycle policy, a policy document)
/// read into a tree of every JSON kind.
@Suite struct JSONDocumentTests {
  let here = SourceLocation(file: "template.yaml", line: 3, column: 5)

  @Test func everyKindOfValue() throws {
    let text = #"{"s": "a\u00e9", "t": true, "f": false, "i": 10, "e": 1e2, "x": 0.5, "n": null, "l": [1, "b", [false]], "o": {"k": "v"}}"#
    let node = try #require(JSONDocument.parse(text, at: here))
    #expect(node.map?.entries.map(\.key) == ["e", "f", "i", "l", "n", "o", "s", "t", "x"])
    #expect(node["s"]?.string == "aé")
    #expect(node["t"]?.scalar == Scalar(.boolean, "true"))
    #expect(node["f"]?.scalar == Scalar(.boolean, "false"))
    #expect(node["i"]?.scalar == Scalar(.integer, "10"))
    #expect(node["e"]?.scalar?.kind == .integer)
    #expect(node["x"]?.scalar == Scalar(.float, "0.5"))
    #expect(node["n"]?.scalar?.kind == .null)
    #expect(node["l"]?.list?.count == 3)
    #expect(node["l"]?.list?[1].string == "b")
    #expect(node["l"]?.list?[2].list?.first?.scalar == Scalar(.boolean, "false"))
    #expect(node["o"]?["k"]?.string == "v")
    #expect(node["o"]?["k"]?.location == here)
  }

  @Test func aLoneValueIsADocument() {
    #expect(JSONDocument.parse(#""a""#, at: here)?.string == "a")
    #expect(JSONDocument.parse("7", at: here)?.scalar == Scalar(.integer, "7"))
  }

  @Test(arguments: ["", "{", "{\"a\": }", "{'a': 1}", "[1 2]"])
  func textThatIsNoJSONIsNil(_ text: String) {
    #expect(JSONDocument.parse(text, at: here) == nil)
  }
}

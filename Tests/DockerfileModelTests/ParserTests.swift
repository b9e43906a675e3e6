import Diagnostics
import Testing
@testable import DockerfileModel

/// The low-level parser: continuations, comments, directives, escapes, heredocs, JSON.
@Suite("Low-level parser")
struct ParserTests {
  func dump(_ text: String) throws -> String {
    try TestSupport.syntax(text).buildKitDump()
  }

  func error(_ text: String) -> InputError? {
    TestSupport.inputError { () throws(InputError) in _ = try TestSupport.syntax(text) }
  }

  @Test("Continuations keep inner whitespace and skip comment and blank lines")
  func continuations() throws {
    let text = "FROM a\nRUN echo one \\\n  # a comment\n\n    two\n"
    let syntax = try TestSupport.syntax(text)
    #expect(syntax.nodes[1].words == ["echo one     two"])
    #expect(syntax.nodes[1].location.line == 2)
    #expect(syntax.nodes[1].endLine == 5)
  }

  @Test("A continuation at end of file ends the instruction")
  func continuationAtEndOfFile() throws {
    let syntax = try TestSupport.syntax("FROM a\nRUN something \\")
    #expect(syntax.nodes[1].words == ["something"])
    #expect(try dump("FROM a\nRUN something \\") == "(from \"a\")\n(run \"something\")\n")
  }

  @Test("An escaped escape at end of line does not continue")
  func escapedEscape() throws {
    let syntax = try TestSupport.syntax("FROM a\nENV C x\\\\\nENV D y\n")
    #expect(syntax.nodes.count == 3)
    #expect(syntax.nodes[1].words == ["C", "x\\\\", ""])
  }

  @Test("Keywords are case-insensitive and keep their spelling")
  func keywordCase() throws {
    let syntax = try TestSupport.syntax("from alpine\nRuN echo\n")
    #expect(syntax.nodes.map(\.lowercasedKeyword) == ["from", "run"])
    #expect(syntax.nodes[1].keyword == "RuN")
    let dockerfile = try TestSupport.parse("from alpine AS Build\nRuN echo\n")
    #expect(dockerfile.stages[0].name == "build")
  }

  @Test("CRLF ends a line; a lone CR does not (BuildKit splits at LF only)")
  func lineEndings() throws {
    let syntax = try TestSupport.syntax("FROM a\r\nRUN x \\\r\n  y\r\nUSER b\r\r\n")
    #expect(syntax.nodes.map { $0.location.line } == [1, 2, 4])
    #expect(syntax.nodes[1].words == ["x   y"])
    #expect(syntax.nodes[1].endLine == 3)
    #expect(syntax.nodes[2].words == ["b"])
    let lone = try TestSupport.syntax("FROM a\n# drop root\rUSER b\nRUN x\ry\n")
    #expect(lone.nodes.map(\.lowercasedKeyword) == ["from", "run"])
    #expect(lone.nodes[1].location.line == 3)
    #expect(try TestSupport.parse("FROM a\n# drop root\rUSER b\n").finalImage.user == nil)
    #expect(try TestSupport.parse("FROM a\n# drop root\nUSER b\n").finalImage.user?.value.written == "b")
  }

  @Test("A physical line over BuildKit's 65,535-byte scanner limit is an input error; a long logical line is not")
  func lineLengthLimit() throws {
    let longest = "FROM a\nRUN " + String(repeating: "x", count: 65_535 - 4) + "\n"
    #expect(throws: Never.self) { try TestSupport.syntax(longest) }
    let tooLong = "FROM a\nRUN " + String(repeating: "é", count: 32_767) + "\r\nUSER b\n"
    let error = try #require(self.error(tooLong))
    #expect(error.location == SourceLocation(file: "Dockerfile", line: 2, column: 1))
    #expect(error.message.contains("65535"))
    let atEnd = try #require(self.error("FROM a\n# " + String(repeating: "x", count: 65_534)))
    #expect(atEnd.location?.line == 2)
    let joined = "FROM a\nRUN " + Array(repeating: String(repeating: "y", count: 60_000), count: 3).joined(separator: "\\\n") + "\n"
    #expect(try TestSupport.syntax(joined).nodes[1].words.first?.count == 180_000)
  }

  @Test("Directives: escape backtick is honoured everywhere")
  func escapeDirective() throws {
    let syntax = try TestSupport.syntax("# escape=`\nFROM windows\nRUN dir `\n  c:\\\\\nENV A=x`\"y\n")
    #expect(syntax.directives.escapeToken == "`")
    #expect(syntax.directives.escape?.value == "`")
    #expect(syntax.nodes[1].words == ["dir   c:\\\\"])
    #expect(syntax.nodes[2].words == ["A", "x`\"y", "="])
  }

  @Test("Directives: syntax and check are recorded, case-insensitive keys")
  func otherDirectives() throws {
    let syntax = try TestSupport.syntax("# syntax=docker/dockerfile:1\n# CHECK = skip=all\nFROM a\n")
    #expect(syntax.directives.syntax?.value == "docker/dockerfile:1")
    #expect(syntax.directives.check?.value == "skip=all")
    #expect(syntax.directives.check?.location.line == 2)
  }

  @Test("Directives only count before the first non-directive line")
  func directivesOnlyAtTop() throws {
    let afterComment = try TestSupport.syntax("# hello\n# escape=`\nFROM a\nRUN x \\\ny\n")
    #expect(afterComment.directives.escape == nil)
    #expect(afterComment.nodes[1].words == ["x y"])
    let afterInstruction = try TestSupport.syntax("FROM a\n# escape=`\n")
    #expect(afterInstruction.directives.escape == nil)
    let afterBlank = try TestSupport.syntax("\n# escape=`\nFROM a\n")
    #expect(afterBlank.directives.escape == nil)
  }

  @Test("An invalid escape directive is an error at the value")
  func invalidEscape() {
    let found = error("# escape=x\nFROM a\n")
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 1, column: 10))
    #expect(found?.message.contains("invalid escape directive 'x'") == true)
  }

  @Test("A repeated directive is an error")
  func repeatedDirective() {
    let found = error("# escape=`\n# escape=\\\nFROM a\n")
    #expect(found?.location?.line == 2)
    #expect(found?.message == "only one escape parser directive can be used")
  }

  @Test("Empty files and comment-only files have no instructions")
  func noInstructions() {
    #expect(error("")?.message.hasPrefix("file with no instructions") == true)
    #expect(error("   \n\t\n")?.message.hasPrefix("file with no instructions") == true)
    #expect(error("# only\n# comments\n")?.location == .start(of: "Dockerfile"))
  }

  @Test("Binary input is rejected by SourceText before parsing")
  func binaryInput() {
    let found = TestSupport.inputError { () throws(InputError) in
      _ = try DockerfileSyntax.parse(try SourceText(file: "Dockerfile", bytes: [0x46, 0x52, 0x00, 0x4D]))
    }
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 1, column: 3))
  }

  @Test("ENV with a key and no value is an error at the key")
  func envWithoutValue() {
    let found = error("FROM busybox\n\nENV PATH\n")
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 3, column: 5))
    #expect(found?.message.hasPrefix("ENV must have two arguments") == true)
    #expect(error("FROM a\nLABEL a=b c\n")?.message.contains("can't find = in \"c\"") == true)
    // Located at the word without `=` (it had been at the first pair), after a continuation too.
    #expect(error("FROM a\nENV A=1 B\n")?.location.map { [$0.line, $0.column] } == [2, 9])
    #expect(error("FROM a\nENV A=1 \\\n  \"B\"\n")?.location.map { [$0.line, $0.column] } == [3, 3])
  }

  @Test("Nested JSON in exec form is an error at the element")
  func nestedJSON() {
    let found = error("FROM a\nCMD [ \"echo\", [ \"nested json\" ] ]\n")
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 2, column: 15))
    #expect(error("FROM a\nRUN [\"a\", 1]\n") != nil)
    #expect(error("FROM a\nENTRYPOINT [\"a\", null]\n") != nil)
  }

  @Test("Malformed JSON falls back to shell form")
  func malformedJSON() throws {
    let syntax = try TestSupport.syntax("FROM a\nCMD ['a']\nCMD [\"a\",]\nCMD [\"a\"] trailing\nCOPY [\"a b\" /x\n")
    #expect(syntax.nodes[1].words == ["['a']"])
    #expect(syntax.nodes[2].words == ["[\"a\",]"])
    #expect(syntax.nodes[3].words == ["[\"a\"] trailing"])
    #expect(syntax.nodes[4].words == ["[\"a", "b\"", "/x"])
    #expect(syntax.nodes.allSatisfy { !$0.isJSON })
  }

  @Test("JSON escapes decode, including surrogate pairs")
  func jsonEscapes() throws {
    let syntax = try TestSupport.syntax("FROM a\nCMD [\"\\u00e9\\ud83d\\ude00\", \"\\t\"]\n")
    #expect(syntax.nodes[1].words == ["é😀", "\t"])
    #expect(syntax.nodes[1].isJSON)
  }

  @Test("Deeply nested JSON is rejected without recursion")
  func deepJSON() {
    // Spread over continuation lines: BuildKit reads no physical line over 65,535 bytes.
    let text = "FROM a\nCMD [\"a\", " + String(repeating: "[", count: 50_000) + "\\\n" + String(repeating: "]", count: 50_000) + "]\n"
    let syntax = TestSupport.inputError { () throws(InputError) in _ = try TestSupport.syntax(text) }
    // Deeper than Go's 10,000 levels does not parse as JSON, so CMD falls back to shell form.
    #expect(syntax == nil)
  }

  @Test("Flags: quotes removed, -- ends them, scanned on every instruction")
  func flags() throws {
    let syntax = try TestSupport.syntax("FROM a\nCOPY --chown=\"a b\" --link -- --not-a-flag /x\nCMD --doit [\"a\"]\n")
    #expect(syntax.nodes[1].flags.map(\.value) == ["--chown=a b", "--link"])
    #expect(syntax.nodes[1].words == ["--not-a-flag", "/x"])
    #expect(syntax.nodes[1].flags[1].location == SourceLocation(file: "Dockerfile", line: 2, column: 20))
    #expect(syntax.nodes[2].flags.map(\.value) == ["--doit"])
    #expect(syntax.nodes[2].words == ["a"])
  }

  @Test("ONBUILD nests the trigger instruction")
  func onbuild() throws {
    #expect(try dump("FROM a\nONBUILD COPY --from=x . /\n") == "(from \"a\")\n(onbuild (copy [\"--from=x\"] \".\" \"/\"))\n")
  }

  @Test("Unknown instructions are kept with one empty argument")
  func unknownInstruction() throws {
    #expect(try dump("FROM a\nFOO bar baz\n") == "(from \"a\")\n(foo \"\")\n")
  }

  @Test("Dump quotes like Go: control characters, non-printables, non-ASCII")
  func goQuoting() {
    #expect(GoQuote.quote("a\"b\\c") == "\"a\\\"b\\\\c\"")
    #expect(GoQuote.quote("\u{00}\u{7F}\u{07}\u{0B}") == "\"\\x00\\x7f\\a\\v\"")
    #expect(GoQuote.quote("\u{00A0}\u{2028}") == "\"\\u00a0\\u2028\"")
    #expect(GoQuote.quote("♥☃ é") == "\"♥☃ é\"")
    #expect(GoQuote.quote("\u{E0001}") == "\"\\U000e0001\"")
  }

  @Test("100,000 continuation lines parse into one instruction")
  func manyContinuationLines() throws {
    var text = "FROM alpine\nRUN echo start \\\n"
    for index in 0..<100_000 { text += "  && echo \(index) \\\n" }
    text += "  && echo end\n"
    let syntax = try TestSupport.syntax(text)
    #expect(syntax.nodes.count == 2)
    #expect(syntax.nodes[1].location.line == 2)
    #expect(syntax.nodes[1].endLine == 100_003)
    #expect(syntax.nodes[1].words[0].hasSuffix("&& echo 99999   && echo end"))
    let dockerfile = try Dockerfile(syntax: syntax)
    #expect(dockerfile.finalImage.packageOperations.isEmpty)
    #expect(dockerfile.instructions[1].lines == 2...100_003)
  }

  @Test("Errors inside a continued instruction point at the physical line")
  func errorLocationAcrossContinuation() {
    let found = TestSupport.inputError { () throws(InputError) in
      _ = try TestSupport.parse("FROM a\nRUN \\\n  --chown=1 echo\n")
    }
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 3, column: 3))
  }
}

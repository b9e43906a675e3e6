import Foundation
import Diagnostics
import Testing
@testable import TemplateModel

/// libyaml's scanner says "found character that cannot start any token" without naming
/// the character; when it is a tab, the message says so (YAML indents with spaces only).
@Suite struct YAMLErrorMessageTests {
  @Test func aTabThatIndentsIsNamed() throws {
    let text = "Resources:\n  Topic:\n\tType: AWS::SNS::Topic\n"
    let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: text)) }
    #expect(error.message.contains("a tab, and YAML indents with spaces only"), "\(error.message)")
    #expect(error.location?.line == 3 && error.location?.column == 1, "\(String(describing: error.location))")
  }

  /// libyaml notices an unclosed quote at the end of the file; the error points at the
  /// quote that opens the scalar.
  @Test(arguments: ["\"", "'"])
  func anUnclosedQuotedScalarIsReportedWhereItOpens(quote: String) throws {
    let text = "Resources:\n  Topic:\n    Type: \(quote)AWS::SNS::Topic\n    Properties:\n      TopicName: x\n"
    let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: text)) }
    #expect(error.location?.line == 3 && error.location?.column == 11, "\(String(describing: error.location))")
    #expect(error.message.hasPrefix("invalid YAML: this quoted scalar has no closing quote before the end of the file"), "\(error.message)")
  }

  /// A quoted scalar left open mid-file runs on to the next quote (a quoted scalar may
  /// span lines) and libyaml faults what follows it there, lines below: the error points
  /// at the quote that opens it and says where it closes. After a key, a tag (`!Sub`) or
  /// an anchor; double or single quotes.
  @Test(arguments: [
    ("Description: \"the image tag", 18, "double-quoted"),
    ("Description: !Sub \"the image tag ${AWS::Region}", 23, "double-quoted"),
    ("Description: &d !!str \"the image tag", 27, "double-quoted"),
    ("Description: 'the image tag", 18, "single-quoted"),
  ])
  func aQuoteLeftOpenMidFileIsReportedWhereItOpens(line: String, column: Int, style: String) throws {
    let closing = style == "double-quoted" ? "\"^[0-9a-f]{7,40}$\"" : "'^[0-9a-f]{7,40}$'"
    let text = "Parameters:\n  Tag:\n    \(line)\n    Type: String\n    AllowedPattern: \(closing)\nResources: {}\n"
    // CRLF line ends too (a CR LF is one Character: a split at "\n" had missed them).
    for written in [text, text.replacingOccurrences(of: "\n", with: "\r\n")] {
      let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: written)) }
      #expect(error.location?.line == 3 && error.location?.column == column, "\(String(describing: error.location))")
      #expect(error.message.hasSuffix("the \(style) scalar that opens here closes only at line 5: is its closing quote missing?"), "\(error.message)")
    }
  }

  /// A quoted scalar that spans lines on purpose is valid; an error elsewhere says nothing
  /// of it, nor does one on a line whose quotes are balanced.
  @Test(arguments: [
    "Parameters:\n  Tag:\n    Description: \"a long\n      description\"\n    Type: String\nResources: [\n",
    "Parameters:\n  Tag:\n    Description: \"one line\"\n    Type: \"String\" x: y\nResources: {}\n",
    "Parameters:\n  Tag:\n    Description: it's \"quoted\"\n    Type: String\n  \"x\": [\n",
  ])
  func otherErrorsNameNoOpenQuote(text: String) throws {
    let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: text)) }
    #expect(!error.message.contains("closing quote missing"), "\(error.message)")
  }

  /// A template written in JSON is called JSON in its syntax errors, whether its name
  /// ends in `.json` or its text starts with `{`; libyaml reads it (JSON is a subset of
  /// YAML) and says where.
  @Test(arguments: [("template.json", "{\"Resources\": {\"A\": [1, 2}}\n"), ("template.yaml", "  {\"Resources\": {\"A\": [1, 2}}\n"), ("t.JSON", "Resources: [1, 2}\n")])
  func aJSONTemplateIsCalledJSON(file: String, text: String) throws {
    let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: file, text: text)) }
    #expect(error.message.hasPrefix("invalid JSON: did not find expected ',' or ']'"), "\(error.message)")
    #expect(error.location?.file == file && error.location?.line == 1, "\(String(describing: error.location))")
  }

  @Test func anotherCharacterThatCannotStartATokenIsNotCalledATab() throws {
    let text = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n@x: 1\n"
    let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: text)) }
    #expect(error.message.contains("cannot start any token"), "\(error.message)")
    #expect(!error.message.contains("tab"), "\(error.message)")
  }

  /// A misspelt short form names the closest one; a tag near none lists them all.
  @Test func anUnknownTagSuggestsTheClosestShortForm() throws {
    let misspelt = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Reff Name\n"
    let error = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: misspelt)) }
    #expect(error.message == "unknown tag !Reff (did you mean !Ref?)", "\(error.message)")
    #expect(error.location?.line == 5, "\(String(describing: error.location))")
    let unrelated = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Whatever Name\n"
    let other = try #require(throws: InputError.self) { try Template.load(SourceText(file: "template.yaml", text: unrelated)) }
    #expect(other.message.hasPrefix("unknown tag !Whatever; CloudFormation's short forms are !"), "\(other.message)")
  }
}

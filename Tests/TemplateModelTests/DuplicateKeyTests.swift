import Diagnostics
import Testing
@testable import TemplateModel

/// A mapping that names one key twice is refused at the second key: CloudFormation keeps
/// only one of them. Keys are compared as CloudFormation sees them, as strings: a plain
/// `1` or `true` is the same key as a quoted `"1"` or `"true"`.
@Suite struct DuplicateKeyTests {
  static let duplicates: [String: String] = [
    "plain words": "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Topic:\n    Type: AWS::SNS::Queue\n",
    "number and quoted number": "Mappings:\n  Ports:\n    1: {Port: 80}\n    \"1\": {Port: 81}\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
    "boolean word and quoted word": "Metadata:\n  true: a\n  'true': b\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
    "JSON": "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}, \"Topic\": {\"Type\": \"AWS::SQS::Queue\"}}}",
  ]

  @Test(arguments: duplicates.keys.sorted())
  func aRepeatedKeyIsOneLocatedError(kind: String) throws {
    let text = Self.duplicates[kind]!
    let error = try #require(throws: InputError.self) { try template(text) }
    #expect(error.message.contains("duplicate mapping key"), "\(kind): \(error.message)")
    #expect(error.location?.file == "template.yaml")
    if !kind.hasPrefix("JSON") { #expect(error.location?.line == 4 || error.location?.line == 3, "\(kind): \(String(describing: error.location))") }
  }

  /// Keys that differ as text are different keys, whatever their YAML type.
  @Test func keysThatDifferAsTextAreDistinct() throws {
    let loaded = try template("Mappings:\n  Ports:\n    1: {Port: 80}\n    01: {Port: 81}\n    \"one\": {Port: 82}\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    #expect(loaded.resources.map(\.logicalID) == ["Topic"])
  }

  /// Plain values keep their YAML 1.1 type (decided by `PlainScalarKind`, not by Yams'
  /// resolver, which has no rules here).
  @Test func plainValuesKeepTheirType() throws {
    let document = try TemplateDocument.load(SourceText(file: "template.yaml", text: "Metadata:\n  a: 1\n  b: true\n  c: ~\n  d: '1'\n  e: 1.5\n  f: word\n"))
    let metadata = try #require(document.root?["Metadata"]?.map)
    let kinds = metadata.entries.map { "\($0.key)=\($0.value.scalar.map { "\($0.kind)" } ?? "?")" }
    #expect(kinds == ["a=integer", "b=boolean", "c=null", "d=string", "e=float", "f=string"])
  }
}

import Diagnostics
import Testing
@testable import TemplateModel

/// Plain YAML 1.1 scalars get CloudFormation's reading: the template becomes JSON, so a
/// boolean word is `true` or `false` and a hexadecimal, binary or underscored integer is
/// its decimal number wherever a string is compared.
@Suite struct PlainScalarTests {
  @Test func booleanWordsAndIntegerFormsAreCanonical() throws {
    let document = try TemplateDocument.load(SourceText(
      file: "template.yaml",
      text: "Metadata:\n  a: yes\n  b: On\n  c: FALSE\n  d: 0x1F\n  e: 1_000\n  f: 0b101\n  g: -0x10\n  h: y\n  i: '0x1F'\n  j: 010\n  k: 7\n"))
    let metadata = try #require(document.root?["Metadata"]?.map)
    let read = metadata.entries.map { "\($0.key)=\($0.value.scalar.map { "\($0.kind):\($0.text)" } ?? "?")" }
    #expect(read == [
      "a=boolean:true", "b=boolean:true", "c=boolean:false", "d=integer:31", "e=integer:1000", "f=integer:5",
      "g=integer:-16", "h=string:y", "i=string:0x1F", "j=integer:010", "k=integer:7",
    ])
  }

  /// `!Equals [!Ref Flag, True]` holds when Flag is `true`: CloudFormation compares the
  /// strings "true" and "true" (a plain `True` is the boolean true).
  @Test(arguments: ["True", "yes", "ON", "true"])
  func aBooleanWordEqualsTheParameterValueTrue(word: String) throws {
    let yaml = """
      Parameters:
        Flag:
          Type: String
          Default: "true"
      Conditions:
        Enabled: !Equals [!Ref Flag, \(word)]
      Resources:
        Topic:
          Type: AWS::SNS::Topic
          Condition: Enabled

      """
    let evaluated = try evaluate(yaml)
    #expect(evaluated.scenario.conditions["Enabled"] == .some(true), "\(word)")
  }
}

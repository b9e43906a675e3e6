import Diagnostics
import Foundation
import Testing

@testable import TemplateModel

/// Hostile templates end in one located `InputError` (exit 2) or load normally, in time
/// and memory bounded by the documented limits (`TemplateDocument.maximumNodeCount`,
/// libyaml's nesting limit, `FileBytes.maximumSize`); none crashes or hangs. Loading is
/// asserted to finish (a hang would stall the suite); speed is measured by benchmarks/.
@Suite struct HostileTemplateTests {
  static func load(_ text: String, file: String = "template.yaml") throws(InputError) -> Template {
    try Template.load(SourceText(file: file, text: text))
  }

  static func loadBytes(_ bytes: [UInt8]) throws(InputError) -> Template {
    try Template.load(SourceText(file: "template.yaml", bytes: bytes))
  }

  static func evaluate(_ template: Template, environment: String = "default") throws -> EvaluatedTemplate {
    TemplateEvaluator.evaluate(template, configuration: try DeployConfiguration.resolve(environment: environment, samconfig: nil, command: nil))
  }

  /// Nine levels of ten aliases each: 10^9 nodes once expanded.
  static let billionLaughs: String = {
    var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
      previous = name
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test func billionLaughsIsRefusedAtTheAliasThatCrossesTheLimit() {
    let text = "Metadata:\n" + Self.billionLaughs.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\nResources: {}\n"
    #expect {
      _ = try Self.load(text)
    } throws: { error in
      guard let error = error as? InputError else { return false }
      return error.message.contains("alias bomb") && error.location?.file == "template.yaml" && (error.location?.line ?? 0) > 1
    }
  }

  /// Yams hashes every mapping key to find duplicates; a key that is an alias of the
  /// bomb would be hashed through all 10^9 nodes (minutes) without the pre-check.
  @Test func billionLaughsAsAMappingKeyIsRefusedBeforeHashing() {
    let text = Self.billionLaughs + "? *i\n: 1\n? *h\n: 2\nResources: {}\n"
    #expect(throws: InputError.self) { _ = try Self.load(text) }
  }

  @Test func billionLaughsInSamconfigYAMLIsRefused() {
    let text = "version: 0.1\n" + Self.billionLaughs
    #expect(throws: InputError.self) { _ = try SamConfig.load(SourceText(file: "samconfig.yaml", text: text)) }
  }

  /// A dense list of 8 million nodes (16 MiB, just under the file limit) is refused from
  /// a count over libyaml's events, before Yams builds a tree of it (which took 1.3 GB).
  @Test func millionsOfNodesWithoutAliasesAreRefusedBeforeComposing() {
    let text = "Metadata: [" + String(repeating: "a,", count: 2_000_000) + "a]\nResources: {}\n"
    #expect {
      _ = try Self.load(text)
    } throws: { error in
      (error as? InputError)?.message.contains("more than \(TemplateDocument.maximumNodeCount) nodes") == true
    }
  }

  /// The byte-count bound that lets ordinary templates skip the event count is an upper
  /// bound on their nodes, and far below the limit for this repository's template.
  @Test(arguments: [("{a}", 3), ("[{a},{a}]", 7), ("- - - a", 4), ("a: b\nc: d\n", 5), ("{a,b}", 5), ("[]", 1), ("a", 1), ("? [a, b]\n: c\n", 5)])
  func nodeBoundIsAnUpperBound(text: String, nodes: Int) {
    #expect(YAMLAliasExpansion.nodeBound(text) >= nodes)
  }

  @Test func thisRepositorysTemplateSkipsTheEventCount() throws {
    let source = try SourceText.read(path: Paths.repository.appendingPathComponent("infra/template.yaml").path)
    #expect(YAMLAliasExpansion.nodeBound(source.text) < TemplateDocument.maximumNodeCount / 10)
    #expect(YAMLAliasExpansion.nodeBound("a: &x 1\nb: *x\n") == Int.max)
  }

  /// One 1 MB scalar aliased by 20 parameters is 21 MB of text written out: past the
  /// per-file limit, it is refused at the alias that crosses it (190 such aliases had made
  /// a 380 MB JSON report); 10 aliases (11 MB) still load.
  @Test(arguments: [(20, true), (10, false)])
  func aliasesOfALargeScalarAreBoundedByTheFileLimit(aliases: Int, refused: Bool) throws {
    var text = "Parameters:\n  P0:\n    Type: String\n    Default: &v \"" + String(repeating: "a", count: 1_000_000) + "\"\n"
    for index in 1...aliases { text += "  P\(index):\n    Type: String\n    Default: *v\n" }
    text += "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
    do {
      let template = try Self.load(text)
      #expect(!refused)
      #expect(template.parameters.count == aliases + 1)
    } catch {
      #expect(refused)
      #expect(error.message.contains("more than 16777216 bytes of text"), "\(error.message)")
      // P16's alias crosses 16 MiB (17 scalars of 1,000,000 bytes); P_k's Default is on line 4 + 3k.
      #expect(error.location?.line == 4 + 3 * 16, "\(String(describing: error.location))")
    }
  }

  /// Aliases that stay under the limit still work (samconfig.yaml may use them).
  @Test func modestAliasesStillLoad() throws {
    let template = try Self.load("""
      Parameters:
        Size: &size
          Type: Number
          Default: 2
        Other: *size
      Resources:
        Topic:
          Type: AWS::SNS::Topic
      """)
    #expect(template.parameters.map(\.name) == ["Size", "Other"])
  }

  /// Templates nested 100,000 deep, by kind (the test arguments name them, so the test log
  /// does not print each).
  static let deep: [String: String] = [
    "flow sequences": String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
    "flow mappings": String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000),
    "JSON arrays": "{\"Resources\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}",
  ]

  @Test(arguments: ["flow sequences", "flow mappings", "JSON arrays"])
  func nestingOneHundredThousandDeepIsRefused(kind: String) throws {
    let text = try #require(Self.deep[kind])
    #expect {
      _ = try Self.load(text)
    } throws: { error in
      (error as? InputError)?.location?.file == "template.yaml"
    }
  }

  @Test func blockNestingPastTheParserLimitIsRefused() {
    var text = ""
    for depth in 0..<1_500 { text += String(repeating: " ", count: depth) + "k\(depth):\n" }
    text += String(repeating: " ", count: 1_500) + "leaf\n"
    #expect(throws: InputError.self) { _ = try Self.load(text) }
  }

  @Test func invalidUTF8IsAnErrorAtItsLineAndColumn() {
    let bytes = Array("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    X: ab".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    #expect {
      _ = try Self.loadBytes(bytes)
    } throws: { error in
      let error = error as? InputError
      return error?.location?.line == 4 && error?.location?.column == 10 && error?.message.contains("UTF-8") == true
    }
  }

  @Test func nulByteIsAnErrorAtItsLineAndColumn() {
    let bytes = Array("Resources:\n  Topic:\u{0}\n".utf8)
    #expect {
      _ = try Self.loadBytes(bytes)
    } throws: { error in
      let error = error as? InputError
      return error?.location?.line == 2 && error?.location?.column == 9 && error?.message.contains("NUL") == true
    }
  }

  static let small = """
    Parameters:
      Name:
        Type: String
        Default: demo
    Resources:
      Topic:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub "${Name}-topic"
    Outputs:
      Arn:
        Value: !Ref Topic

    """

  /// A byte-order mark and CRLF line endings read exactly like the plain file: same
  /// resources, same values, same lines and columns.
  @Test(arguments: [("BOM", true, false), ("CRLF", false, true), ("BOM and CRLF", true, true)])
  func byteOrderMarkAndCRLFSimplyWork(name: String, bom: Bool, crlf: Bool) throws {
    var text = Self.small
    if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    let plain = try Self.evaluate(Self.load(Self.small))
    let variant = try Self.evaluate(Self.loadBytes(bytes))
    #expect(variant.resources.map(\.logicalID) == ["Topic"])
    #expect(variant.resources[0]["TopicName"]?.string == "demo-topic")
    #expect(variant.resources[0]["TopicName"]?.string == plain.resources[0]["TopicName"]?.string)
    #expect(variant.resources[0].location == plain.resources[0].location)
    #expect(variant.outputs.map(\.location) == plain.outputs.map(\.location))
  }

  /// 10^4 resources, twenty times CloudFormation's quota of 500 per template
  /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
  /// processed, not refused (a checker reads what it is given; deploying it is
  /// CloudFormation's refusal), in time linear in the count (benchmarks/ shows it).
  @Test func tenThousandResourcesLoadAndEvaluate() throws {
    var text = "Parameters:\n  Stage:\n    Type: String\n    Default: dev\nResources:\n"
    for index in 0..<10_000 {
      text += "  Queue\(index):\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub \"${Stage}-\(index)\"\n"
      if index > 0 { text += "      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Queue\(index - 1).Arn\n" }
    }
    let evaluated = try Self.evaluate(Self.load(text))
    #expect(evaluated.resources.count == 10_000)
    #expect(evaluated.resource("Queue9999")?["QueueName"]?.string == "dev-9999")
  }

  @Test func subWithThousandsOfReferencesEvaluates() throws {
    let references = Array(repeating: "${Name}", count: 5_000).joined(separator: "-")
    let template = try Self.load("""
      Parameters:
        Name:
          Type: String
          Default: ab
      Resources:
        Topic:
          Type: AWS::SNS::Topic
          Properties:
            TopicName: !Sub "\(references)"
            DisplayName: !Sub "\(Array(repeating: "${AWS::Region}${Topic2.TopicName}", count: 2_000).joined())"
        Topic2:
          Type: AWS::SNS::Topic
      """)
    let evaluated = try Self.evaluate(template)
    #expect(evaluated.resource("Topic")?["TopicName"]?.string == Array(repeating: "ab", count: 5_000).joined(separator: "-"))
    #expect(evaluated.resource("Topic")?["DisplayName"] != nil)
  }

  @Test(arguments: [
    ("Ref", "A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref B\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref A\n"),
    ("GetAtt", "A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.TopicName\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt C.TopicName\n  C:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt A.TopicName\n"),
    ("Sub", "A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub \"${B}\"\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub \"${A.TopicName}\"\n"),
    ("DependsOn", "A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: [A]\n"),
  ])
  func resourceReferenceCyclesAreRefused(kind: String, resources: String) {
    #expect {
      _ = try Self.load("Resources:\n  " + resources)
    } throws: { error in
      (error as? InputError)?.message.contains("circular dependency") == true
    }
  }

  @Test func conditionCyclesAreRefused() {
    let text = """
      Conditions:
        A: !Condition B
        B: !And [!Condition A, !Equals [x, x]]
      Resources:
        Topic:
          Type: AWS::SNS::Topic
      """
    #expect {
      _ = try Self.load(text)
    } throws: { error in
      (error as? InputError)?.message.contains("circular dependency between conditions") == true
    }
  }

  /// A long cycle is found without deep recursion.
  @Test func aTenThousandResourceCycleIsRefused() {
    var text = "Resources:\n"
    for index in 0..<10_000 {
      text += "  R\(index):\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref R\((index + 1) % 10_000)\n"
    }
    #expect(throws: InputError.self) { _ = try Self.load(text) }
  }
}

import Diagnostics
import Testing
@testable import TemplateModel

/// Regression tests for the limits an adversarial template ran into: nesting
/// (`NodeConverter.maximumNesting`), condition chains (`ConditionChain.maximumLength`),
/// results that grow per level (`TemplateEvaluator.maximumComputedLength`),
/// `Fn::ForEach` without its transform, and where a JSON or flow mapping is located.
/// Each ends in one located `InputError` or a bounded value; none crashes or hangs (a
/// stack overflow would end the test process; finishing is what is asserted, speed is
/// benchmarks/' job).
@Suite struct TemplateLimitTests {
  /// The error `yaml` is refused with, or nil when it loads (or fails otherwise).
  static func refusal(_ yaml: String) -> InputError? {
    do {
      _ = try template(yaml)
      return nil
    } catch {
      return error as? InputError
    }
  }

  /// A `Metadata` block of `depth` nested block mappings (`k1:` inside `k0:` ...), one
  /// per line, indented one space per level, then a topic.
  static func blockMappings(_ depth: Int) -> String {
    var text = "Metadata:\n"
    for level in 0..<depth { text += String(repeating: " ", count: level + 1) + "k\(level):\n" }
    text += String(repeating: " ", count: depth + 1) + "leaf\n"
    return text + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
  }

  /// A topic whose `TopicName` (nesting level 5: root, `Resources`, `Topic`,
  /// `Properties`, the value) is `value`, after `header`.
  static func topic(_ value: String, header: String = "") -> String {
    header + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: " + value + "\n  Other:\n    Type: AWS::SNS::Topic\n"
  }

  // MARK: Nesting

  /// 10^5 levels of flow lists or mappings stop at libyaml's own limit (1,000 levels),
  /// reported as nesting (not libyaml's raw "Maximum nesting level reached") on line 1,
  /// inside `Metadata`'s value (libyaml points at the list or mapping it was opening;
  /// for nested `[`, which it reads ahead, that is the second one).
  static let oneHundredThousandLevels: [String: String] = [
    "flow lists": "Metadata: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
    "flow mappings": "Metadata: " + String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000),
    "JSON": "{\"Metadata\": " + String(repeating: "{\"a\": [", count: 50_000) + "1" + String(repeating: "]}", count: 50_000) + "}",
  ]

  @Test(arguments: oneHundredThousandLevels.keys.sorted())
  func oneHundredThousandLevelsAreOneLocatedNestingError(kind: String) throws {
    let error = try #require(Self.refusal(Self.oneHundredThousandLevels[kind]! + "\nResources: {}\n"))
    #expect(error.message.contains("nesting deeper than 1,000 levels"), "\(kind): \(error.message)")
    #expect(error.location?.file == "template.yaml")
    #expect(error.location?.line == 1, "\(kind): \(String(describing: error.location))")
    #expect((error.location?.column ?? 0) > "Metadata: ".count, "\(kind): \(String(describing: error.location))")
  }

  /// 500 levels of block mappings are within libyaml's limit but past vibe-rules' 128:
  /// refused at the first node past it (`Metadata`'s value is level 2, on line 2, so
  /// the mapping at level 129 starts on line 129, at its first key, indented 128 spaces).
  @Test func fiveHundredBlockMappingsAreRefusedAtLevel129() throws {
    let error = try #require(Self.refusal(Self.blockMappings(500)))
    #expect(error.message.contains("nesting deeper than 128 levels"), "\(error.message)")
    #expect(error.location == SourceLocation(file: "template.yaml", line: 129, column: 129))
  }

  @Test func nestingOf128LevelsStillLoads() throws {
    // Level 128 is the leaf: 126 mappings below Metadata's value (level 2).
    let loaded = try template(Self.blockMappings(126))
    #expect(loaded.resources.map(\.logicalID) == ["Topic"])
    #expect(Self.refusal(Self.blockMappings(127))?.message.contains("nesting deeper than 128 levels") == true)
  }

  /// 200 intrinsic functions inside each other: under libyaml's limit, and deep enough
  /// to overflow the stack of the recursive evaluation before the nesting bound.
  static let nestedIntrinsics: [(kind: String, text: String, line: Int)] = [
    ("Fn::Base64 in Fn::Base64 (long form)", topic(String(repeating: "{Fn::Base64: ", count: 200) + "x" + String(repeating: "}", count: 200)), 5),
    ("!Base64 in {Fn::Base64: ...} (short around long form)", topic(String(repeating: "!Base64 {Fn::Base64: ", count: 100) + "x" + String(repeating: "}", count: 100)), 5),
    ("Fn::If in Fn::If", topic(String(repeating: "!If [IsProd, a, ", count: 200) + "b" + String(repeating: "]", count: 200), header: "Conditions:\n  IsProd: !Equals [a, b]\n"), 7),
    ("!Not [!Not [...]]", topic("x", header: "Conditions:\n  Deep: " + String(repeating: "!Not [", count: 200) + "!Equals [a, b]" + String(repeating: "]", count: 200) + "\n"), 2),
  ]

  @Test(arguments: nestedIntrinsics.map(\.kind))
  func twoHundredNestedIntrinsicsAreOneLocatedError(kind: String) throws {
    let input = Self.nestedIntrinsics.first { $0.kind == kind }!
    let error = try #require(Self.refusal(input.text))
    #expect(error.message.contains("nesting deeper than 128 levels"), "\(kind): \(error.message)")
    #expect(error.location?.file == "template.yaml")
    #expect(error.location?.line == input.line, "\(kind): \(String(describing: error.location))")
    #expect((error.location?.column ?? 0) > 100, "\(kind): \(String(describing: error.location))")
  }

  // MARK: Condition chains

  /// `C0: !Not [!Condition C1]`, ..., `C<n-1>: !Equals [a, a]`, listed in document
  /// order or reversed (the last link first).
  static func conditionChain(_ length: Int, reversed: Bool = false) -> String {
    var lines = (0..<length).map { index in
      index == length - 1 ? "  C\(index): !Equals [a, a]" : "  C\(index): !Not [!Condition C\(index + 1)]"
    }
    if reversed { lines.reverse() }
    return "Conditions:\n" + lines.joined(separator: "\n") + "\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: C0\n"
  }

  /// A chain of 2,000 overflowed the stack: now one error at the key of the condition
  /// that starts it (line 2), naming the first links.
  @Test func conditionChainOfTwoThousandIsOneLocatedErrorNamingTheChain() throws {
    let error = try #require(Self.refusal(Self.conditionChain(2_000)))
    #expect(error.message.contains("condition C0 is decided through a chain of 2000 conditions (C0 -> C1 -> C2 -> ...); vibe-rules refuses chains longer than 128"), "\(error.message)")
    #expect(error.message.contains("(C0 -> C1 -> C2 -> ...)"), "\(error.message)")
    #expect(error.location == SourceLocation(file: "template.yaml", line: 2, column: 3))
  }

  @Test func conditionChainOf128IsAccepted() throws {
    #expect(throws: Never.self) { _ = try template(Self.conditionChain(128)) }
    #expect(Self.refusal(Self.conditionChain(129))?.message.contains("chain of 129 conditions") == true)
  }

  /// A chain of 100 is decided: the last is true and each `!Not` flips it, whichever
  /// order the conditions are written in.
  @Test(arguments: [false, true])
  func conditionChainOfOneHundredAlternates(reversed: Bool) throws {
    let evaluated = try evaluate(Self.conditionChain(100, reversed: reversed))
    for index in 0..<100 {
      #expect(evaluated.scenario.conditions["C\(index)"] == .some(.some(index % 2 == 1)), "C\(index)")
    }
    // C0 is false (an even number of flips from C99 is odd: 99), so the topic is removed.
    #expect(evaluated.resource("Topic") == nil)
    #expect(evaluated.removedResources.map(\.condition) == ["C0"])
  }

  // MARK: Results that grow per level

  /// `!Sub ["${V}${V}", {V: ...}]` nested `levels` times around `innermost`: the value
  /// doubles per level. Each level takes three levels of nesting (the tagged list, the
  /// variable map, the value), so 40 fit under the nesting bound from `TopicName`.
  static func doublingSub(_ levels: Int, innermost: String) -> String {
    topic(String(repeating: "!Sub [\"${V}${V}\", {V: ", count: levels) + innermost + String(repeating: "}]", count: levels))
  }

  /// 2^40 copies (a terabyte) if computed: the value stays unresolved, saying it was
  /// not computed, and stays small; whether the innermost value is known or not.
  @Test(arguments: ["ab", "!GetAtt Other.TopicName"])
  func subThatDoublesPerLevelStaysBounded(innermost: String) throws {
    let evaluated = try evaluate(Self.doublingSub(40, innermost: innermost))
    let name = try #require(evaluated.resource("Topic")?["TopicName"])
    #expect(name.string == nil)
    #expect(name.unresolved != nil)
    #expect(name.display.contains("not computed"), "\(name.display.prefix(200))")
    #expect(!name.exceeds(2 * TemplateEvaluator.maximumComputedLength))
  }

  /// Up to the bound the value is computed exactly: 2^19 copies of "ab" is 1 MiB.
  @Test func subThatDoublesUpToOneMebibyteIsComputed() throws {
    let evaluated = try evaluate(Self.doublingSub(19, innermost: "ab"))
    #expect(evaluated.resource("Topic")?["TopicName"]?.string?.utf8.count == 1 << 20)
  }

  /// Nested 60 times the same `Fn::Sub` is deeper than the nesting bound allows.
  @Test func subNestedSixtyTimesIsRefusedAsNesting() {
    #expect(Self.refusal(Self.doublingSub(60, innermost: "ab"))?.message.contains("nesting deeper than 128 levels") == true)
  }

  /// A parameter whose `Default` is `text`, and `count` outputs each computing `value`.
  static func outputs(_ count: Int, computing value: String, parameter text: String) -> String {
    var yaml = "Parameters:\n  Big:\n    Type: String\n    Default: \"\(text)\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n"
    for index in 0..<count { yaml += "  Out\(index):\n    Value: \(value)\n" }
    return yaml
  }

  /// A hundred outputs each splitting the same 1 MiB parameter would make 100 MiB of
  /// strings per env (and a string of commas a million items each): the evaluation's
  /// 16 MiB budget computes the first ones exactly and leaves the rest "not computed".
  @Test func splitsOfOneLargeParameterStopAtTheBudget() throws {
    let text = String(repeating: String(repeating: "a", count: 1_023) + ",", count: 1_024)
    let evaluated = try evaluate(Self.outputs(100, computing: "!Split [\",\", !Ref Big]", parameter: text))
    let values = evaluated.outputs.map(\.value)
    #expect(values.count == 100)
    #expect(values.first??.list?.count == 1_025)
    // Each split costs 1 MiB of text plus 64 per item: 15 fit in 16 MiB.
    #expect(values.prefix { $0?.list != nil }.count == 15)
    #expect(values.last??.display.contains("evaluation budget, not computed") == true)
  }

  /// Twenty outputs referring to a list parameter of 200,000 items each make the list anew:
  /// charged like `Fn::Split`, the later ones stay "not computed".
  @Test func refsToAHugeListParameterStopAtTheBudget() throws {
    let yaml = "Parameters:\n  L:\n    Type: CommaDelimitedList\n    Default: \"" + String(repeating: ",", count: 200_000) + "\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n"
      + (0..<20).map { "  O\($0):\n    Value: !Join [\"\", !Ref L]\n" }.joined()
    let evaluated = try evaluate(yaml)
    let values = evaluated.outputs.compactMap(\.value)
    #expect(values.count == 20)
    // Each Ref costs 200,000 bytes + 64 x 200,001 items, about 13 MB: one fits in 16 MiB.
    #expect(values.prefix { $0.string != nil }.count == 1)
    #expect(values.last?.display.contains("not computed") == true)
  }

  /// An `Fn::Sub` string costs its bytes and 64 per part it can split into, taken from the
  /// env's budget before it is read: outputs of 50,000 `${Big}-` (350 KB, 100,001 parts)
  /// of a one-letter parameter cost 6.75 MB each, so two are computed in 16 MiB and the
  /// third is not (an `Fn::ForEach` writing 5,000 copies of one `Fn::Sub` of 3,000
  /// references had made 15 million lookups per env).
  @Test func subPartsAreChargedBeforeTheyAreLookedUp() throws {
    let sub = "!Sub \"" + String(repeating: "${Big}-", count: 50_000) + "\""
    let evaluated = try evaluate(Self.outputs(3, computing: sub, parameter: "a"))
    let values = evaluated.outputs.map(\.value)
    #expect(values.first??.string == String(repeating: "a-", count: 50_000))
    #expect(values.prefix { $0?.string != nil }.count == 2)
    #expect(values.last??.display.contains("Fn::Sub (longer than 1048576 bytes or over this env's evaluation budget, not computed)") == true)
  }

  /// A thousand references to a 64 KiB parameter, joined, would be 64 MiB: refused before
  /// anything is joined, in `Fn::Join` and in `Fn::Sub` alike.
  @Test(arguments: [
    "!Join [\"\", [" + Array(repeating: "!Ref Big", count: 1_000).joined(separator: ", ") + "]]",
    "!Sub \"" + String(repeating: "${Big}", count: 1_000) + "\"",
  ])
  func joinsOfManyLargeReferencesAreNotComputed(value: String) throws {
    let evaluated = try evaluate(Self.outputs(1, computing: value, parameter: String(repeating: "a", count: 64 * 1_024)))
    let output = try #require(evaluated.outputs.first?.value)
    #expect(output.string == nil)
    #expect(output.display.contains("not computed"))
  }

  /// Under the budget, splitting counts exactly what `components(separatedBy:)` makes.
  @Test(arguments: [(",", "a,b,,c", 3), (",", "", 0), ("ab", "abab", 2), ("aa", "aaa", 1), ("", "abc", 0), ("::", "a::b:c", 1)])
  func delimiterOccurrencesMatchComponents(delimiter: String, text: String, expected: Int) {
    #expect(TemplateEvaluator.occurrences(of: delimiter, in: text) == expected)
    if !delimiter.isEmpty { #expect(text.components(separatedBy: delimiter).count - 1 == expected) }
  }

  static func nestedBase64(_ levels: Int, around text: String) -> String {
    topic(String(repeating: "{Fn::Base64: ", count: levels) + text + String(repeating: "}", count: levels))
  }

  /// How many `Fn::Base64` levels around `length` bytes are computed: the input of each
  /// must be at most 3/4 MiB (its output is then at most 1 MiB).
  static func computedBase64Levels(from length: Int) -> Int {
    var levels = 0
    var size = length
    while size <= TemplateEvaluator.maximumComputedLength / 4 * 3 {
      size = 4 * ((size + 2) / 3)
      levels += 1
    }
    return levels
  }

  /// 4/3 per level over 100 levels is petabytes if computed: unresolved instead.
  @Test func hundredNestedBase64StayUnresolved() throws {
    let evaluated = try evaluate(Self.nestedBase64(100, around: String(repeating: "a", count: 1_024)))
    let name = try #require(evaluated.resource("Topic")?["TopicName"])
    #expect(name.string == nil)
    #expect(name.unresolved != nil)
  }

  /// The level whose result would pass 1 MiB says so; the one below it is computed.
  @Test func base64PastOneMebibyteSaysNotComputed() throws {
    let computed = Self.computedBase64Levels(from: 1_024)
    let below = try evaluate(Self.nestedBase64(computed, around: String(repeating: "a", count: 1_024)))
    let size = try #require(below.resource("Topic")?["TopicName"]?.string?.utf8.count)
    #expect(size <= TemplateEvaluator.maximumComputedLength && size > TemplateEvaluator.maximumComputedLength / 4 * 3)
    let past = try evaluate(Self.nestedBase64(computed + 1, around: String(repeating: "a", count: 1_024)))
    let name = try #require(past.resource("Topic")?["TopicName"])
    #expect(name.string == nil)
    #expect(name.display.contains("Fn::Base64 (longer than 1048576 bytes, not computed)"), "\(name.display.prefix(200))")
  }

  // MARK: Fn::ForEach needs its transform

  static let forEachResources = """
    Resources:
      Fn::ForEach::Topics:
        - Name
        - [A, B]
        - Topic${Name}:
            Type: AWS::SNS::Topic

    """

  @Test func forEachWithoutLanguageExtensionsIsALocatedError() throws {
    let error = try #require(Self.refusal(Self.forEachResources))
    #expect(error.message.contains("Fn::ForEach needs the AWS::LanguageExtensions transform"), "\(error.message)")
    #expect(error.location == SourceLocation(file: "template.yaml", line: 2, column: 3))
  }

  @Test func forEachWithLanguageExtensionsIsExpanded() throws {
    let loaded = try template("Transform: AWS::LanguageExtensions\n" + Self.forEachResources)
    #expect(loaded.resources.map(\.logicalID) == ["TopicA", "TopicB"])
  }

  // MARK: Where a mapping is

  /// A JSON mapping starts at its `{`, which is on the line before its first key; what
  /// a finding about the mapping points at is that key.
  @Test func jsonMappingIsLocatedAtItsFirstKey() throws {
    let json = """
      {
        "Resources": {
          "Repo": {
            "Type": "AWS::ECR::Repository",
            "Properties": {
              "ImageScanningConfiguration": {
                "ScanOnPush": false
              }
            }
          }
        }
      }
      """
    let evaluated = try evaluate(json)
    let repo = try #require(evaluated.resource("Repo"))
    #expect(repo["ImageScanningConfiguration"]?.location == SourceLocation(file: "template.yaml", line: 7, column: 11))
  }

  @Test func flowMappingIsLocatedAtItsFirstKeyAndAnEmptyOneAtItsBrace() throws {
    let evaluated = try evaluate("""
      Resources:
        Cluster:
          Type: AWS::ECS::Cluster
          Properties:
            ClusterSettings:
              - {
                  Name: containerInsights,
                  Value: enabled
                }
            Configuration: {}
      """)
    let cluster = try #require(evaluated.resource("Cluster"))
    #expect(cluster["ClusterSettings"]?.list?.first?.location == SourceLocation(file: "template.yaml", line: 7, column: 13))
    #expect(cluster["Configuration"]?.location == SourceLocation(file: "template.yaml", line: 10, column: 22))
  }
}

/// Nested `Fn::ForEach` loops multiply; what they produce counts against the node limit.
@Suite struct ForEachLimitTests {
  static func nested(_ levels: Int, items: Int) -> String {
    let list = (0..<items).map { "i\($0)" }.joined(separator: ", ")
    var text = "Transform: AWS::LanguageExtensions\nResources:\n"
    var indent = "  "
    for level in 0..<levels {
      text += "\(indent)Fn::ForEach::L\(level):\n\(indent)  - V\(level)\n\(indent)  - [\(list)]\n\(indent)  -\n"
      indent += "    "
    }
    let name = (0..<levels).map { "${V\($0)}" }.joined()
    return text + "\(indent)\"T\(name)\":\n\(indent)  Type: AWS::SNS::Topic\n"
  }

  @Test func threeLevelsOfAHundredAreRefusedAtALoop() throws {
    let error = try #require(throws: InputError.self) { try template(Self.nested(3, items: 100)) }
    #expect(error.message.contains("expands the template past 1000000 nodes"), "\(error.message)")
    #expect(error.location?.file == "template.yaml")
  }

  @Test func twoLevelsOfTenExpand() throws {
    let loaded = try template(Self.nested(2, items: 10))
    #expect(loaded.resources.count == 100)
  }

  /// One loop whose `Fn::Sub` repeats `${X}` `references` times, over `items` items of
  /// `length` characters each.
  static func substitutions(items: Int, length: Int, references: Int) -> String {
    let list = (0..<items).map { String(repeating: "0", count: length - String($0).count) + String($0) }.joined(separator: ", ")
    return """
      Transform: AWS::LanguageExtensions
      Resources:
        Fn::ForEach::Topics:
          - X
          - [\(list)]
          - Topic${X}:
              Type: AWS::SNS::Topic
              Properties:
                TopicName: !Sub "\(String(repeating: "${X}-", count: references))"

      """
  }

  /// Substituted text counts, sized before it is written: 800 items of 100 characters
  /// into 3,000 references would be 240 MB (it had taken 29 s and 2.4 GB).
  @Test func substitutedTextIsBoundedAndRefusedAtTheLoop() throws {
    let error = try #require(throws: InputError.self) { try template(Self.substitutions(items: 800, length: 100, references: 3_000)) }
    #expect(error.message.contains("writes more than 32 MiB of text"), "\(error.message)")
    #expect(error.location == SourceLocation(file: "template.yaml", line: 3, column: 3))

    let loaded = try template(Self.substitutions(items: 20, length: 10, references: 100))
    #expect(loaded.resources.count == 20)
    let topic = try #require(loaded.resources.last?.properties["TopicName"]?.intrinsic?.argument.text)
    #expect(topic == String(repeating: "0000000019-", count: 100))
  }

  /// Copies count whole, substituted or not: 5,000 copies of an `Fn::Sub` of 3,000
  /// references the loop leaves unchanged (a 100 KB template) write 210 MB; they had taken
  /// 24 s and 3 GB, each copy read and evaluated for each config env.
  @Test func unchangedCopiesAreBoundedAndRefusedAtTheLoop() throws {
    func copies(_ items: Int) -> String {
      """
      Transform: AWS::LanguageExtensions
      Parameters:
        Environment:
          Type: String
          Default: dev
      Resources:
        Fn::ForEach::Topics:
          - X
          - [\((0..<items).map { "a\($0)" }.joined(separator: ", "))]
          - Topic${X}:
              Type: AWS::SNS::Topic
              Properties:
                DisplayName: !Sub "\(String(repeating: "${Environment}", count: 3_000))"

      """
    }
    let error = try #require(throws: InputError.self) { try template(copies(5_000)) }
    #expect(error.message.contains("writes more than 32 MiB of text"), "\(error.message)")
    #expect(error.location == SourceLocation(file: "template.yaml", line: 7, column: 3))

    let loaded = try template(copies(10))
    #expect(loaded.resources.count == 10)
  }

  /// A variable an `Fn::Sub` repeats is one reference of its owner: 3,000 copies of two
  /// variables are two edges of the template's graph (700 loop copies of such a string
  /// had been 2.1 million edges, each ordered and checked).
  @Test func aRepeatedSubVariableIsOneEdge() throws {
    let loaded = try template("""
      Parameters:
        Environment:
          Type: String
      Resources:
        Queue:
          Type: AWS::SQS::Queue
        Topic:
          Type: AWS::SNS::Topic
          Properties:
            DisplayName: !Sub "\(String(repeating: "${Environment}-${Queue.Arn}", count: 3_000))"

      """)
    let edges = loaded.graph.references(from: "Topic")
    #expect(edges.count == 2)
    #expect(Set(edges.map(\.to)) == ["Environment", "Queue"])
    #expect(edges.first { $0.to == "Queue" }?.attribute == "Arn")
  }
}

import Diagnostics
import Testing
@testable import TemplateModel

/// Every intrinsic function, short and long form, evaluated for one env.
@Suite struct IntrinsicEvaluationTests {
  static let header = """
    AWSTemplateFormatVersion: "2010-09-09"
    Transform: AWS::LanguageExtensions
    Parameters:
      Env: {Type: String, AllowedValues: [dev, prod]}
      Port: {Type: Number, Default: 8501}
      Names: {Type: CommaDelimitedList, Default: "a,b,c"}
    Mappings:
      Config:
        dev: {Size: small}
        prod: {Size: large}
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
      IsDev: {"Fn::Not": [{Condition: IsProd}]}
      Both: !And [!Condition IsDev, !Equals [!Ref Port, "8501"]]
      Either: !Or [!Condition IsProd, !Equals [a, b]]
    Resources:
      Bucket:
        Type: AWS::S3::Bucket
      Probe:
        Type: AWS::S3::Bucket
        Properties:
          Value:
    """

  struct Case: CustomTestStringConvertible, Sendable {
    var expression: String
    var expected: String
    var testDescription: String { expression }
  }

  static let cases: [Case] = [
    Case(expression: "!Ref Port", expected: "8501"),
    Case(expression: "{Ref: Env}", expected: "dev"),
    Case(expression: "!Ref AWS::Region", expected: "us-east-1"),
    Case(expression: "!Ref AWS::StackName", expected: "stack-dev"),
    Case(expression: "!Ref AWS::Partition", expected: "aws"),
    Case(expression: "!Ref AWS::URLSuffix", expected: "amazonaws.com"),
    Case(expression: "!Ref AWS::AccountId", expected: "AWS::AccountId"),
    Case(expression: "!Ref Bucket", expected: "!Ref Bucket"),
    Case(expression: "!GetAtt Bucket.Arn", expected: "!GetAtt Bucket.Arn"),
    Case(expression: "{\"Fn::GetAtt\": [Bucket, DomainName]}", expected: "!GetAtt Bucket.DomainName"),
    Case(expression: "!Sub \"app-${Env}-${AWS::Region}\"", expected: "app-dev-us-east-1"),
    Case(expression: "!Sub \"${!Literal}-${ Env }\"", expected: "${Literal}-dev"),
    Case(expression: "!Sub [\"${A}:${Port}\", {A: !Ref Env}]", expected: "dev:8501"),
    Case(expression: "!Sub \"${Bucket.Arn}/x\"", expected: "${Bucket.Arn}/x"),
    // One variable and nothing else: the value of the reference itself.
    Case(expression: "!Sub \"${Bucket}\"", expected: "!Ref Bucket"),
    Case(expression: "!Sub \"${Bucket.Arn}\"", expected: "!GetAtt Bucket.Arn"),
    Case(expression: "!Sub [\"${Name}\", {Name: !ImportValue shared}]", expected: "!ImportValue shared"),
    Case(expression: "!Join [\"-\", [a, !Ref Env, b]]", expected: "a-dev-b"),
    Case(expression: "!Join [\",\", !Ref Names]", expected: "a,b,c"),
    Case(expression: "!Select [1, !Ref Names]", expected: "b"),
    Case(expression: "!Select [\"2\", [x, y, z]]", expected: "z"),
    Case(expression: "!Split [\",\", \"p,q\"]", expected: "[p, q]"),
    Case(expression: "!If [IsProd, yes-prod, not-prod]", expected: "not-prod"),
    Case(expression: "!If [IsDev, !Ref Env, other]", expected: "dev"),
    Case(expression: "!If [Both, both, neither]", expected: "both"),
    Case(expression: "!If [Either, either, neither]", expected: "neither"),
    Case(expression: "!FindInMap [Config, !Ref Env, Size]", expected: "small"),
    Case(expression: "!FindInMap [Config, staging, Size, {DefaultValue: medium}]", expected: "medium"),
    Case(expression: "!Select [0, !GetAZs \"\"]", expected: "AZ #0 of us-east-1"),
    Case(expression: "!Select [1, {\"Fn::GetAZs\": {Ref: \"AWS::Region\"}}]", expected: "AZ #1 of us-east-1"),
    Case(expression: "!ImportValue shared-vpc", expected: "!ImportValue shared-vpc"),
    Case(expression: "!Base64 \"hi!\"", expected: "aGkh"),
    Case(expression: "!Cidr [10.0.0.0/16, 2, 8]", expected: "!Cidr [10.0.0.0/16, 2, 8]"),
    Case(expression: "!Length [a, b, c]", expected: "3"),
    Case(expression: "!ToJsonString {a: !Ref Env, b: [1, true]}", expected: "{\"a\":\"dev\",\"b\":[1,true]}"),
  ]

  @Test("intrinsic evaluates", arguments: cases)
  func intrinsic(_ testCase: Case) throws {
    let evaluated = try evaluate(Self.header + " " + testCase.expression + "\n", overrides: "Env=dev")
    let value = try #require(evaluated.resource("Probe")?["Value"])
    #expect(value.display == testCase.expected)
  }

  /// Fn::Length, Fn::ToJsonString and FindInMap's DefaultValue exist only under the
  /// AWS::LanguageExtensions transform; without it CloudFormation rejects the template.
  @Test("language-extension intrinsics need the transform", arguments: [
    "!Length [a, b, c]", "!ToJsonString {a: b}", "!FindInMap [Config, staging, Size, {DefaultValue: medium}]",
  ])
  func languageExtensionsNeedTheTransform(_ expression: String) throws {
    let plain = Self.header.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("Transform:") }.joined(separator: "\n")
    #expect(!plain.contains("LanguageExtensions"))
    let error = #expect(throws: InputError.self) { try evaluate(plain + " " + expression + "\n", overrides: "Env=dev") }
    #expect(error?.message.contains("needs the AWS::LanguageExtensions transform") == true)
  }

  /// A wrong item of a list argument is named, at its own place, not the list: an index
  /// past 32 bits is no integer to CloudFormation.
  @Test(arguments: [
    ("!Select [9223372036854775807, [a, b]]", "Fn::Select takes an integer index (-2^31 to 2^31-1) as its first item; found the integer 9223372036854775807"),
    ("!Join [\",\", notalist]", "Fn::Join takes a list of values as its second item; found the string \"notalist\""),
  ])
  func aWrongItemIsNamed(expression: String, message: String) throws {
    let error = #expect(throws: InputError.self) { try evaluate(Self.header + " " + expression + "\n", overrides: "Env=dev") }
    #expect(error?.message == message)
  }

  @Test func noValueRemovesTheKeyAndListItem() throws {
    let evaluated = try evaluate(Self.header + """
       !If [IsProd, x, !Ref AWS::NoValue]
          Items: [a, !If [IsProd, b, !Ref "AWS::NoValue"], c]

    """, overrides: "Env=dev")
    let bucket = try #require(evaluated.resource("Probe"))
    #expect(bucket["Value"] == nil)
    #expect(bucket["Items"]?.display == "[a, c]")
  }

  @Test func conditionsDecidePerEnvironment() throws {
    let yaml = Self.header + " x\n  ProdOnly:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n"
    #expect(try evaluate(yaml, overrides: "Env=dev").resource("ProdOnly") == nil)
    #expect(try evaluate(yaml, environment: "prod", overrides: "Env=prod").resource("ProdOnly") != nil)
    let dev = try evaluate(yaml, overrides: "Env=dev")
    #expect(dev.removedResources.map(\.resource.logicalID) == ["ProdOnly"])
    #expect(dev.scenario.conditions["IsProd"] == .some(false))
  }

  @Test func undecidableConditionKeepsBothBranches() throws {
    let configuration = DeployConfiguration(
      environment: "dev", stackName: nil, region: nil, profile: nil, templateFile: nil, confirmChangeset: nil,
      capabilities: [], parameterOverrides: [.init(key: "Env", value: .symbolic("$1"), origin: .commandLine(.start(of: "deploy.sh")))],
      droppedOverrides: [], unresolvedOverrides: [], command: nil)
    let evaluated = TemplateEvaluator.evaluate(try template(Self.header + " !If [IsProd, a, b]\n"), configuration: configuration)
    let value = try #require(evaluated.resource("Probe")?["Value"])
    #expect(value.display == "!If [IsProd, a, b]")
    #expect(evaluated.scenario.conditions["IsProd"] == .some(nil))
  }

  /// Values CloudFormation reads at deploy time from Systems Manager or Secrets Manager
  /// are not known from the files: a dynamic reference (also one built by Fn::Sub or
  /// Fn::Join), and the value of an SSM parameter type, whose Default is the name of the
  /// Systems Manager parameter, not its value.
  @Test(arguments: [
    ("\"{{resolve:ssm:/vj/cpu}}\"", "{{resolve:ssm:/vj/cpu}}"),
    ("\"{{resolve:ssm:/vj/cpu:1}}\"", "{{resolve:ssm:/vj/cpu:1}}"),
    ("!Sub \"{{resolve:secretsmanager:${Env}-db:SecretString:password}}\"", "{{resolve:secretsmanager:dev-db:SecretString:password}}"),
    ("!Join [\"\", [\"{{resolve:ssm:/\", !Ref Env, \"/cpu}}\"]]", "{{resolve:ssm:/dev/cpu}}"),
    ("!Ref Cpu", "the value of Systems Manager parameter /vj/cpu (!Ref Cpu)"),
    ("!Select [0, !Ref Subnets]", "!Select [0, !Ref Subnets]"),
  ])
  func deployTimeValuesAreUnknown(_ expression: String, _ display: String) throws {
    let header = Self.header.replacingOccurrences(of: "Parameters:\n", with: "Parameters:\n  Cpu: {Type: \"AWS::SSM::Parameter::Value<String>\", Default: /vj/cpu}\n  Subnets: {Type: \"AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>\", Default: /vj/subnets}\n")
    let value = try #require(try evaluate(header + " " + expression + "\n", overrides: "Env=dev").resource("Probe")?["Value"])
    #expect(value.string == nil, "\(value.display)")
    #expect(value.display.contains(display) || display.hasPrefix("!Select"), "\(value.display)")
  }

  @Test func textAroundBracesIsStillKnown() throws {
    let value = try #require(try evaluate(Self.header + " \"{{not-a-reference}} {resolve:ssm:x}\"\n", overrides: "Env=dev").resource("Probe")?["Value"])
    #expect(value.string == "{{not-a-reference}} {resolve:ssm:x}")
  }

  @Test func missingAndDisallowedParametersAreProblems() throws {
    let missing = try evaluate(Self.header + " x\n")
    #expect(missing.problems.map(\.kind) == [.missingParameter])
    #expect(missing.problems.first?.location.line == 4)  // the Env parameter, after the Transform line
    let disallowed = try evaluate(Self.header + " x\n", overrides: "Env=staging")
    #expect(disallowed.problems.map(\.kind) == [.disallowedValue])
    #expect(disallowed.problems.first?.message.contains("AllowedValues [dev, prod]") == true)
  }
}

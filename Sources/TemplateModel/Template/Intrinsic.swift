import Diagnostics

/// An intrinsic function call or a `Ref`, as written in the template.
///
/// Both spellings load to the same value: the long form (`{"Fn::Sub": "..."}`, `{"Ref": "X"}`)
/// and YAML's short form (`!Sub "..."`, `!Ref X`, `!GetAtt A.B`). The argument is kept
/// as written; `IntrinsicShape` checks its shape and `TemplateEvaluator` computes it.
/// Reference: "Intrinsic function reference", AWS CloudFormation User Guide,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
public struct Intrinsic: Hashable, Sendable {
  public var function: IntrinsicFunction
  public var argument: TemplateNode
  /// Where the call is written (the `!Tag` or the `Fn::` key).
  public var location: SourceLocation

  public init(_ function: IntrinsicFunction, _ argument: TemplateNode, at location: SourceLocation) {
    self.function = function
    self.argument = argument
    self.location = location
  }
}

/// The intrinsic functions CloudFormation (and its `AWS::LanguageExtensions` transform)
/// defines. The raw value is the long-form key.
public enum IntrinsicFunction: String, CaseIterable, Hashable, Sendable {
  case ref = "Ref"
  case condition = "Condition"
  case getAtt = "Fn::GetAtt"
  case sub = "Fn::Sub"
  case join = "Fn::Join"
  case select = "Fn::Select"
  case split = "Fn::Split"
  case `if` = "Fn::If"
  case equals = "Fn::Equals"
  case and = "Fn::And"
  case or = "Fn::Or"
  case not = "Fn::Not"
  case findInMap = "Fn::FindInMap"
  case getAZs = "Fn::GetAZs"
  case importValue = "Fn::ImportValue"
  case base64 = "Fn::Base64"
  case cidr = "Fn::Cidr"
  case length = "Fn::Length"
  case toJsonString = "Fn::ToJsonString"
  case transform = "Fn::Transform"
  case getStackOutput = "Fn::GetStackOutput"
  // Rule functions of AWS Service Catalog template constraints (the `Rules` section).
  case contains = "Fn::Contains"
  case eachMemberEquals = "Fn::EachMemberEquals"
  case eachMemberIn = "Fn::EachMemberIn"
  case refAll = "Fn::RefAll"
  case valueOf = "Fn::ValueOf"
  case valueOfAll = "Fn::ValueOfAll"

  /// The YAML short-form tag (`!Ref`, `!Sub`, ...), where CloudFormation defines one.
  public var shortTag: String? {
    switch self {
    case .ref: "!Ref"
    case .condition: "!Condition"
    case .getStackOutput: nil
    default: "!" + rawValue.dropFirst(4)
    }
  }

  /// The function whose short-form tag is `tag` (`"!GetAtt"`), if any.
  public init?(shortTag tag: String) {
    guard let function = Self.byShortTag[tag] else { return nil }
    self = function
  }

  private static let byShortTag: [String: IntrinsicFunction] = Dictionary(
    uniqueKeysWithValues: allCases.compactMap { function in function.shortTag.map { ($0, function) } })
}

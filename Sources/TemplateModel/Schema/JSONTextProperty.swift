/// A resource property whose value may be written as a string of JSON text: a policy
/// that CloudFormation hands to its service unread. The service rejects text that is no
/// JSON object (IAM: `MalformedPolicyDocument`), and text over its length limit, when the
/// stack is deployed.
///
/// References: "AWS::IAM::Role" (`AssumeRolePolicyDocument`, `Policies`: Type Json),
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html;
/// "IAM and AWS STS quotas" (character quotas, white space not counted),
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
/// "PutLifecyclePolicy" and "SetRepositoryPolicy" (length constraints),
/// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html.
public struct JSONTextProperty: Sendable {
  /// The service that reads the text: `IAM` or `ECR`.
  public var service: String
  /// The longest text the service takes, in characters.
  public var maximumLength: Int
  /// Whether white space counts towards `maximumLength` (IAM does not count it).
  public var countsWhiteSpace: Bool
  /// What the text holds, for messages: "policy's statements", "policy".
  var contents: String

  /// scope (`AWS::IAM::Role#Policy`) and property name, joined by a dot → the property.
  /// IAM's limits are the largest a quota increase allows (a trust policy 4,096 characters,
  /// 2,048 by default); an inline policy also shares its 10,240 with the role's others.
  public static let all: [String: JSONTextProperty] = [
    "AWS::IAM::Role.AssumeRolePolicyDocument": iam(4_096),
    "AWS::IAM::Role#Policy.PolicyDocument": iam(10_240),
    "AWS::IAM::Policy.PolicyDocument": iam(10_240),
    "AWS::IAM::ManagedPolicy.PolicyDocument": iam(6_144),
    "AWS::ECR::Repository.RepositoryPolicyText": JSONTextProperty(service: "ECR", maximumLength: 10_240, countsWhiteSpace: true, contents: "policy"),
    "AWS::ECR::Repository#LifecyclePolicy.LifecyclePolicyText": JSONTextProperty(service: "ECR", maximumLength: 30_720, countsWhiteSpace: true, contents: "policy"),
  ]

  /// White space as IAM's quotas leave it uncounted: JSON's four characters, then any
  /// Unicode white space.
  private static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0x0A, 0x0D: true
    case 0..<0x80: false
    default: scalar.properties.isWhitespace
    }
  }

  private static func iam(_ maximum: Int) -> JSONTextProperty {
    JSONTextProperty(service: "IAM", maximumLength: maximum, countsWhiteSpace: false, contents: "policy's statements")
  }

  /// What is wrong with `node` as this property's text, or nil: a number or a boolean is
  /// none (a null is left to `ResourceSchemas`, as CloudFormation rejects it first); a string must stay within the length limit and hold a JSON object by RFC 8259's grammar (`JSONSyntax`:
  /// Foundation's reader on Linux takes trailing commas, the services do not). Intrinsic
  /// functions are not read (their text is known per env); a mapping is the object itself.
  /// Text over the limit is not read further (so a 16 MiB policy costs one count).
  func check(_ node: TemplateNode, path: String) -> SchemaViolation? {
    guard let scalar = node.scalar, scalar.kind != .null else { return nil }
    guard scalar.kind == .string else {
      // CloudFormation passes `7` on as the text "7": no JSON object.
      return violation("is the \(scalar.kind == .boolean ? "boolean" : "number") \(scalar.text), not JSON text of an object", node, path: path)
    }
    let problem: String
    let length = countsWhiteSpace ? scalar.text.count : scalar.text.unicodeScalars.lazy.filter { !Self.isWhiteSpace($0) }.count
    if length > maximumLength {
      problem = "is \(length) characters long\(countsWhiteSpace ? "" : " without white space"); \(service) takes at most \(maximumLength)"
    } else if let violation = JSONSyntax.firstViolation(in: scalar.text) {
      problem = "is a string that is not JSON (\(violation))"
    } else {
      // Text within the grammar that Foundation still cannot read (a number past a
      // double's range) is left to the rules that read the policy.
      switch JSONDocument.parse(scalar.text, at: node.location)?.value {
      case .map?, nil: return nil
      case .some: problem = "is JSON text, but not a JSON object"
      }
    }
    return violation(problem, node, path: path)
  }

  /// The violation for `node`, named by the last part of `path`, with what is wrong.
  private func violation(_ problem: String, _ node: TemplateNode, path: String) -> SchemaViolation {
    SchemaViolation(
      message: "\(path.split(separator: "/").last ?? "") \(problem); \(service) rejects it when the stack is deployed, and no check can read the \(contents)",
      location: node.location, path: path)
  }
}

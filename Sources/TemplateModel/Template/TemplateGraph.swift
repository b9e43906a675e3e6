import Diagnostics

/// The references between a template's resources, parameters, conditions and outputs.
///
/// An edge goes from the resource (or output, or condition) whose value holds the
/// reference to the name it references, with where the reference is written. The graph
/// is what the `graph` command draws and what rules ask "which security group does this
/// ingress rule name?".
public struct TemplateGraph: Sendable {
  public enum Kind: String, Sendable, Hashable {
    case ref, getAtt, sub, dependsOn, condition, findInMap
  }

  public struct Edge: Hashable, Sendable {
    /// `Resources/<id>`, `Outputs/<name>` or `Conditions/<name>`.
    public var from: String
    /// The referenced logical name (resource, parameter, pseudo parameter, condition or mapping).
    public var to: String
    /// For `Fn::GetAtt` and `${Res.Attr}`: the attribute.
    public var attribute: String?
    public var kind: Kind
    public var location: SourceLocation
  }

  public var edges: [Edge]

  /// Edges leaving the resource `logicalID`.
  public func references(from logicalID: String) -> [Edge] {
    edges.filter { $0.from == "Resources/" + logicalID }
  }

  /// Edges arriving at `name` from resources.
  public func referrers(of name: String) -> [Edge] {
    edges.filter { $0.to == name && $0.from.hasPrefix("Resources/") }
  }
}

/// CloudFormation's pseudo parameters. Reference: "Pseudo parameters reference",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
public enum PseudoParameter: String, CaseIterable, Sendable {
  case accountID = "AWS::AccountId"
  case notificationARNs = "AWS::NotificationARNs"
  case noValue = "AWS::NoValue"
  case partition = "AWS::Partition"
  case region = "AWS::Region"
  case stackID = "AWS::StackId"
  case stackName = "AWS::StackName"
  case urlSuffix = "AWS::URLSuffix"
}

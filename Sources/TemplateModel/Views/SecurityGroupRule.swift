import Diagnostics

/// One ingress or egress rule of a security group, written inline
/// (`SecurityGroupIngress`/`SecurityGroupEgress` of `AWS::EC2::SecurityGroup`) or as its
/// own `AWS::EC2::SecurityGroupIngress`/`Egress` resource.
///
/// `IpProtocol` `-1` (or `all`) means every protocol and port; otherwise the rule covers
/// `FromPort...ToPort` (`-1` for ICMP types). Reference: "AWS::EC2::SecurityGroup Ingress",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
public struct SecurityGroupRule: Sendable {
  public enum Direction: String, Sendable { case ingress, egress }

  public var direction: Direction
  /// The security group the rule belongs to (logical ID).
  public var group: String
  public var node: EvaluatedNode
  /// `Resources/<id>/Properties/SecurityGroupIngress/<n>` or `Resources/<id>` for a standalone rule.
  public var path: String

  public var location: SourceLocation { node.location }
  public var ipProtocol: String? { node["IpProtocol"]?.string?.lowercased() }
  /// True when the rule opens every protocol (`-1`).
  public var allTraffic: Bool { ipProtocol == "-1" || ipProtocol == "all" }

  /// The port range, nil when unknown; `0...65535` for all traffic.
  public var ports: ClosedRange<Int>? {
    if allTraffic { return 0...65535 }
    guard let from = node["FromPort"]?.int, let to = node["ToPort"]?.int else { return nil }
    if from == -1 || to == -1 { return 0...65535 }
    return min(from, to)...max(from, to)
  }

  /// "22", "80-443", "all ports".
  public var portDescription: String {
    guard let ports else { return "ports \(node["FromPort"]?.display ?? "?")-\(node["ToPort"]?.display ?? "?")" }
    if allTraffic || ports == 0...65535 { return "all ports" }
    return ports.lowerBound == ports.upperBound ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
  }

  /// The peer: `CidrIp`, `CidrIpv6`, the source/destination security group, or a prefix list.
  public var peer: EvaluatedNode? {
    node["CidrIp"] ?? node["CidrIpv6"] ?? node["SourceSecurityGroupId"] ?? node["DestinationSecurityGroupId"]
      ?? node["SourceSecurityGroupName"] ?? node["SourcePrefixListId"] ?? node["DestinationPrefixListId"]
  }

  public var peerDescription: String { peer?.display ?? "anywhere" }
}

extension EvaluatedTemplate {
  /// Every ingress (or egress) rule of security group `group`, inline and standalone.
  public func securityGroupRules(_ direction: SecurityGroupRule.Direction, of group: String) -> [SecurityGroupRule] {
    let property = direction == .ingress ? "SecurityGroupIngress" : "SecurityGroupEgress"
    var rules: [SecurityGroupRule] = []
    if let resource = resource(group) {
      for (index, item) in (resource[property]?.list ?? []).enumerated() {
        rules.append(SecurityGroupRule(direction: direction, group: group, node: item, path: "Resources/\(group)/Properties/\(property)/\(index)"))
      }
    }
    // Standalone AWS::EC2::SecurityGroupIngress/Egress resources whose GroupId names it.
    for standalone in resources(at: index.offsets(direction == .ingress ? .groupIngressRules : .groupEgressRules, of: group)) {
      rules.append(SecurityGroupRule(
        direction: direction, group: group,
        node: EvaluatedNode(.map(standalone.properties), at: standalone.location), path: "Resources/\(standalone.logicalID)"))
    }
    return rules
  }

  /// Whether the group replaces the default allow-all egress (any egress rule written).
  public func hasExplicitEgress(_ group: String) -> Bool { !securityGroupRules(.egress, of: group).isEmpty }
}

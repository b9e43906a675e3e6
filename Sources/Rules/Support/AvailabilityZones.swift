import Diagnostics
import TemplateModel

/// Decides which Availability Zone a subnet of the template is in, as far as the
/// template says: a literal zone name (`us-east-1a`), a zone ID (`AvailabilityZoneId:
/// use1-az1`), `!Select [i, !GetAZs ...]` (distinct per index: every subnet of a stack is
/// in the stack's region, whichever way `Fn::GetAZs` names it), or unknown.
/// Names and IDs map to each other differently per account, so a name and an ID are
/// never compared. References: "AWS::EC2::Subnet", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html;
/// "Availability Zone IDs for your AWS resources", https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html
enum AvailabilityZones {
  enum Zone: Hashable {
    case named(String)
    case id(String)
    case index(Int)

    /// Which spelling the zone uses: zones of one spelling compare, of two do not.
    var spelling: Int {
      switch self {
      case .named: 0
      case .id: 1
      case .index: 2
      }
    }
  }

  /// The zones of `subnets` (subnet references), and the subnets whose zone is unknown.
  static func of(_ subnets: [EvaluatedNode], in template: EvaluatedTemplate) -> (zones: [Zone], unknown: [String]) {
    var zones: [Zone] = []
    var unknown: [String] = []
    for subnet in subnets {
      guard let id = subnet.referencedResource, let resource = template.resource(id) else {
        unknown.append(subnet.display)
        continue
      }
      if let zoneID = resource["AvailabilityZoneId"]?.string { zones.append(.id(zoneID)); continue }
      let zone = resource["AvailabilityZone"]
      if let name = zone?.string { zones.append(.named(name)); continue }
      if case .availabilityZone(_, let index) = zone?.unresolved { zones.append(.index(index)); continue }
      unknown.append(id)
    }
    return (zones, unknown)
  }

  /// How many distinct zones `zones` are at least (zones of one spelling are distinct
  /// when they differ; across spellings they may coincide) and at most.
  static func distinctCount(_ zones: [Zone]) -> (least: Int, most: Int) {
    let groups = Dictionary(grouping: Set(zones), by: \.spelling).values.map(\.count)
    return (groups.max() ?? 0, groups.reduce(0, +))
  }
}

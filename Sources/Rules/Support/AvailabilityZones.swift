import Diagnostics
import TemplateModel

/// Decides which Availability Zone a subnet of the template is in, as far as the
/// template says: a literal zone, `!Select [i, !GetAZs ...]` (distinct per index), or unknown.
enum AvailabilityZones {
  enum Zone: Hashable {
    case named(String)
    case index(region: String?, Int)
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
      let zone = resource["AvailabilityZone"]
      if let name = zone?.string { zones.append(.named(name)); continue }
      if case .availabilityZone(let region, let index) = zone?.unresolved { zones.append(.index(region: region, index)); continue }
      unknown.append(id)
    }
    return (zones, unknown)
  }
}

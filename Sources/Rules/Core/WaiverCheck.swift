import Diagnostics
import Foundation
import ProjectModel
import Requirements

/// Checks the waivers a project carries against the rule catalogue and the requirement
/// catalogue: each must name a known rule or requirement, and not a requirement that
/// REQUIREMENTS.md marks `Waivable: no`.
public enum WaiverCheck {
  public static func validate(_ waivers: [Waiver], catalogue: RequirementCatalogue) throws(InputError) {
    let rules = Set(RuleCatalog.all.map(\.definition.id))
    for waiver in waivers {
      switch waiver.target {
      case .rule(let id):
        guard rules.contains(id) else {
          throw InputError("the waiver names rule \"\(id)\", which does not exist (see vibe-rules list)", at: waiver.location)
        }
      case .requirement(let id):
        guard let requirement = catalogue[id] else {
          throw InputError("the waiver names requirement \(id), which \(catalogue.source) does not define", at: waiver.location)
        }
        guard requirement.isWaivable else {
          throw InputError("requirement \(id) is marked Waivable: no in \(catalogue.source)", at: waiver.location)
        }
      }
    }
  }

  /// Today's date as `YYYY-MM-DD` (UTC), for waiver expiry.
  public static var today: String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
  }
}

import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProjectModel
import Requirements

/// Checks the waivers a project carries against the rule catalogue, the requirement
/// catalogue and the samconfig: each must name a known rule or requirement, not a
/// requirement that REQUIREMENTS.md marks `Waivable: no`, and only config envs that exist.
public enum WaiverCheck {
  ///
  /// `environments`: the config envs the samconfig defines, or with `fromSamconfig`
  /// false (the repository has none) the envs evaluated (`default`); nil checks none. A
  /// waiver limited to an env not among them would silently apply nowhere, so it is an
  /// error.
  public static func validate(_ waivers: [Waiver], catalogue: RequirementCatalogue, environments: [String]? = nil, fromSamconfig: Bool = true) throws(InputError) {
    let rules = Set(RuleCatalog.all.map(\.definition.id))
    for waiver in waivers {
      if let environments, let unknown = waiver.environments.first(where: { !environments.contains($0) }) {
        let defined = fromSamconfig
          ? "which the samconfig does not define\(NameSuggestion.hint(for: unknown, among: environments)); \(environments.isEmpty ? "it defines none" : "its envs: \(environments.joined(separator: ", "))")"
          : "but the repository has no samconfig: the config envs evaluated are \(environments.joined(separator: ", "))"
        throw InputError("the waiver names config env \"\(unknown)\", \(defined)", at: waiver.location)
      }
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

  /// Today's date as `YYYY-MM-DD` (UTC), for waiver expiry. From the C library's
  /// `gmtime_r` (proleptic Gregorian, UTC), as `DateFormatter` with `yyyy-MM-dd` gave it,
  /// without loading ICU's calendar and locale data for one date on every report.
  public static var today: String {
    var now = time(nil)
    var parts = tm()
    guard gmtime_r(&now, &parts) != nil else { return "9999-12-31" }
    func padded(_ value: Int32, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
  }
}

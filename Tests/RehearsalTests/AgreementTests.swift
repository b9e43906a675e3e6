import Foundation
import Testing

/// The rehearsal and the static rules agree. For this repository's deploy.sh every one of
/// 2.3 and 11.1-11.7 passes both ways in both config envs; for each mutation of the script
/// the requirements it breaks fail both ways, and every other requirement the rehearsal
/// reached gets the same verdict from both (a requirement whose step an earlier failure
/// kept from running is only compared where it was reached).
@Suite struct AgreementTests {
  static let environments = ["dev", "prod"]
  /// The rules issue 9 names; the agreement runs every catalogue rule of these requirements.
  static let namedRules: Set = [
    "deploy-prerequisites", "image-tags", "ecr-push-both-tags", "sam-deploy-image-tag", "sam-cli-overrides-replace",
    "wait-services-stable", "print-alb-url", "deploy-stack-name-match", "errexit-dead-status-check",
  ]

  /// Rehearses `mutation` (none: the repository's script) in both config envs and calls
  /// `compare` with each requirement's rehearsal verdict and static verdict.
  static func compareBothWays(
    _ mutation: ScriptMutation? = nil, _ compare: (String, String, RehearsalVerdict, StaticVerdicts.Entry) -> Void
  ) throws -> StaticVerdicts {
    let sandbox = try RehearsalSandbox(mutation: mutation)
    defer { sandbox.remove() }
    let statics = try StaticVerdicts.evaluate(root: sandbox.variant)
    for environment in environments {
      let verdicts = try Rehearsal.perform(environment, in: sandbox).verdicts()
      for id in Rehearsal.requirementIDs {
        let rehearsal = try #require(verdicts[id])
        let entry = try #require(statics.entry(id, environment), "no static verdict for \(id) in \(environment)")
        compare(id, environment, rehearsal, entry)
      }
    }
    return statics
  }

  @Test func theRepositoryDeployScriptPassesBothWays() throws {
    let statics = try Self.compareBothWays { id, environment, rehearsal, entry in
      #expect(rehearsal.isPass, "\(id) [\(environment)] rehearsal: \(rehearsal)")
      #expect(entry.status == .pass, "\(id) [\(environment)] static: \(entry.status.rawValue) \(entry.findings)")
    }
    #expect(Self.namedRules.isSubset(of: Set(statics.ruleIDs)), "rules run: \(statics.ruleIDs)")
  }

  @Test("an equivalent change passes both ways", arguments: ScriptMutation.equivalents)
  func equivalent(_ mutation: ScriptMutation) throws {
    _ = try Self.compareBothWays(mutation) { id, environment, rehearsal, entry in
      #expect(rehearsal.isPass, "\(mutation.name): \(id) [\(environment)] rehearsal: \(rehearsal)")
      #expect(entry.status == .pass, "\(mutation.name): \(id) [\(environment)] static: \(entry.status.rawValue) \(entry.findings)")
    }
  }

  @Test("a mutation fails both ways", arguments: ScriptMutation.all)
  func mutation(_ mutation: ScriptMutation) throws {
    _ = try Self.compareBothWays(mutation) { id, environment, rehearsal, entry in
      if mutation.breaks.contains(id) {
        #expect(rehearsal.isFail, "\(mutation.name): \(id) [\(environment)] rehearsal: \(rehearsal)")
        #expect(entry.isFail, "\(mutation.name): \(id) [\(environment)] static: \(entry.status.rawValue) \(entry.findings)")
      } else if case .notReached = rehearsal {
        return
      } else {
        #expect(rehearsal.isFail == entry.isFail,
                "\(mutation.name): \(id) [\(environment)] disagree: rehearsal \(rehearsal); static \(entry.status.rawValue) \(entry.findings)")
      }
    }
  }
}

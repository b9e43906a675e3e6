/// What the rehearsal concluded about one requirement in one config env.
enum RehearsalVerdict: Sendable, CustomStringConvertible {
  /// The runs show the requirement met: what was seen.
  case pass(String)
  /// A run shows it broken: what happened.
  case fail(String)
  /// No run got as far as the step the requirement is about (an earlier step stopped it).
  case notReached(String)

  var isFail: Bool { if case .fail = self { true } else { false } }
  var isPass: Bool { if case .pass = self { true } else { false } }

  var description: String {
    switch self {
    case .pass(let note): "pass (\(note))"
    case .fail(let reason): "fail: \(reason)"
    case .notReached(let reason): "not reached: \(reason)"
    }
  }

  /// Several observations of one requirement: any failure fails it; otherwise any pass
  /// passes it; otherwise it was not reached.
  static func combining(_ verdicts: [RehearsalVerdict]) -> RehearsalVerdict {
    if let failure = verdicts.first(where: \.isFail) { return failure }
    let passes = verdicts.compactMap { if case .pass(let note) = $0 { note } else { nil } }
    if !passes.isEmpty { return .pass(passes.joined(separator: "; ")) }
    return verdicts.first ?? .notReached("no run")
  }
}

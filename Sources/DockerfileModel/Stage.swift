import Diagnostics

/// One build stage: a FROM and the instructions up to the next FROM.
///
/// `index` counts stages from 0 in source order; `name` is the lower-cased `AS` name.
/// See "Multi-stage builds" (https://docs.docker.com/build/building/multi-stage/).
public struct Stage: Sendable, Hashable {
  public var index: Int
  public var name: String?
  public var from: FromInstruction
  /// The FROM instruction itself.
  public var fromInstruction: LocatedInstruction
  /// What the stage builds on, resolved with the global ARGs' defaults.
  public var base: StageBase
  /// The instructions after FROM, in order.
  public var instructions: [LocatedInstruction]

  public var location: SourceLocation { fromInstruction.location }
}

extension Stage {
  /// Resolves a FROM reference (already expanded) against the names of earlier stages.
  static func base(for expanded: ExpandedValue, earlierStages: [String: Int]) -> StageBase {
    switch expanded {
    case .unresolved(let expression, let reason):
      return .unresolved(expression: expression, reason: reason)
    case .resolved(let reference):
      if let index = earlierStages[reference.lowercased()] { return .stage(index) }
      if reference.lowercased() == "scratch" { return .scratch }
      return .image(reference)
    }
  }
}

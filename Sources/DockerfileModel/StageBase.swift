/// What a stage's FROM names.
public enum StageBase: Sendable, Hashable {
  /// An image reference (after global ARG expansion), e.g. `python:3.12-slim`.
  case image(String)
  /// An earlier stage, by index: the stage inherits its filesystem and image config.
  case stage(Int)
  /// `scratch`: an empty filesystem.
  case scratch
  /// The reference depends on a build argument whose value is not known.
  case unresolved(expression: String, reason: String)
}

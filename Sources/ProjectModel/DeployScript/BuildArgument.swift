/// A `docker build --build-arg` operand, `NAME=VALUE` or `NAME`
/// (https://docs.docker.com/reference/cli/docker/buildx/build/#build-arg), split at its
/// first `=` as Docker splits the bytes: by Unicode scalars, so a combining mark after the
/// `=` starts the value (read by `Character`, the `=` and the mark are one Character and
/// no `=` would be found).
public struct BuildArgument: Sendable, Equatable {
  public var name: String
  /// nil for `NAME` alone, whose value Docker takes from the environment.
  public var value: String?

  public init(_ operand: String) {
    let scalars = operand.unicodeScalars
    if let equals = scalars.firstIndex(of: "=") {
      name = String(scalars[..<equals])
      value = String(scalars[scalars.index(after: equals)...])
    } else {
      name = operand
      value = nil
    }
  }
}

/// What is known about the `--build-arg` values a build passes.
///
/// `.unknown` (the default): an ARG with a default takes its default (a `--build-arg`
/// could still override it), an ARG without a default is unknown, so whatever depends on
/// it stays unresolved rather than guessed. `.given(values)`: the build passes exactly
/// these; an ARG that is not among them takes its default, or is unset.
public enum BuildArguments: Sendable, Hashable {
  case unknown
  case given([String: String])
  /// A deploy script's `--build-arg`s: each named ARG takes the value given (nil: a value
  /// only known at run time); every other ARG behaves as under `.unknown`.
  case overriding([String: String?])

  /// Build arguments BuildKit defines in the global scope without any ARG
  /// ("Automatic platform ARGs in the global scope",
  /// https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope).
  static let platformArguments = [
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
  ]

  /// The value an `ARG name[=default]` gets; `scope` expands the default.
  func value(for declaration: ArgDeclaration, in scope: VariableScope, escapeToken: Unicode.Scalar) -> VariableValue? {
    if case .given(let values) = self, let given = values[declaration.name] { return .value(given) }
    if case .overriding(let values) = self, let given = values[declaration.name] { return given.map { .value($0) } ?? .unknown }
    if let defaultValue = declaration.defaultValue {
      switch scope.expand(defaultValue, escapeToken: escapeToken) {
      case .resolved(let value): return .value(value)
      case .unresolved: return .unknown
      }
    }
    if case .given = self { return nil }
    return .unknown
  }

  /// The global scope before any ARG: the automatic platform arguments.
  var initialGlobalScope: VariableScope {
    var scope = VariableScope()
    for name in Self.platformArguments {
      if case .given(let values) = self {
        if let value = values[name] { scope[name] = .value(value) }
      } else {
        scope[name] = .unknown
      }
    }
    return scope
  }
}

/// What the walk knows at one point: variables, positional parameters, shell options.
struct ExecutionState: Sendable {
  /// Variables the script assigned (or unset); others come from the `Environment`.
  var variables: [String: Binding] = [:]
  /// `$1`...; nil when unknown.
  var positional: [ResolvedWord]?
  var options = ShellOptions()
  /// How the current path ended, if it did; the walk skips what follows on it.
  var termination: Termination?
}

/// What the walk knows at one point: variables, positional parameters, shell options.
struct ExecutionState: Sendable {
  /// Variables the script assigned (or unset); others come from the `Environment`.
  var variables: [String: Binding] = [:]
  /// `$1`...; nil when unknown.
  var positional: [ResolvedWord]?
  var options = ShellOptions()
  /// Constructs in effect that can make a command not run as written (aliases, PATH
  /// changes, `set -n`, a DEBUG trap, `source`, `eval`, `enable`, `hash -p`), in the order
  /// the walk met them; functions are looked up separately (`Evaluator.defined`).
  var shadowing: [CommandShadowing] = []
  /// Variables made readonly on every path here (`readonly`, `declare -r`, `local -r`),
  /// besides those bash makes readonly itself (`Evaluator.readonlyAtStartup`).
  var readonlyNames: Set<String> = []
  /// How the current path ended, if it did; the walk skips what follows on it.
  var termination: Termination?
}

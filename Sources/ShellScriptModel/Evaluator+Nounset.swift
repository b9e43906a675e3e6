import Diagnostics

/// `set -u` (nounset): expanding a parameter that is unset is an error that ends the shell
/// (Bash Reference Manual, 4.3.1 "The Set Builtin", `-u`), whatever construct is around
/// (`echo "$X" || true` exits too) and whether or not `set -e` is on; in a subshell,
/// command substitution or pipeline member only that subshell ends, with status 1.
///
/// Not errors (bash 5.2): `${X:-w}`, `${X-w}`, `${X:=w}`, `${X:+w}`, `${X:?w}` (its own
/// error), `$@`, `$*`, `${A[@]}`, `${A[*]}`, `${#A[@]}`, `${!X}`, `${!P*}`. Bash expands
/// neither a here-document nor a here-string with `set -u` errors ending the shell (the
/// command fails), nor the words after `&&` or `||` in `[[ ]]` that it skips, nor the
/// `case` patterns after the one that matched: the walk leaves all of those alone.
///
/// Only a parameter the script itself leaves unset counts (`isUnsetByScript`): the
/// caller's environment may set a variable the script never assigns, and the files cannot
/// show that, so a plain read of one (`"$AWS_REGION"`) is the caller's unknown value
/// (`isFromCaller`), while `${X:-w}` reads it as unset; nor after `source`, `eval` or a
/// trap, which may assign what the walk does not see (`hidesAssignments`).
extension Evaluator {
  /// True when parameter `name`, unset here, is unset whatever the caller's environment
  /// holds: a positional parameter past the known arguments, or a variable the script
  /// unset (`unset x`, `local x`, an empty array `a=()`, `a[5]` of a shorter array).
  func isUnsetByScript(_ name: String) -> Bool {
    if let number = Int(name) { return number > 0 && state.positional.map { number > $0.count } == true }
    return state.variables[name] != nil
  }

  /// True for a variable the script has not assigned (nor unset) that the run's
  /// environment leaves unset (`Environment.unlistedVariablesAreUnset`): a plain read of
  /// it stands for a value the caller's environment supplies.
  func isFromCaller(_ name: String) -> Bool {
    environment.unlistedVariablesAreUnset && Int(name) == nil && Lexical.isName(name) && state.variables[name] == nil
      && environment.variables[name] == nil
  }

  /// True when bash ends the shell for `expansion` of an unset parameter under `set -u`.
  static func unsetIsAnError(_ expansion: ParameterExpansion) -> Bool {
    guard !expansion.isIndirect, expansion.parameter != "@", expansion.parameter != "*",
      expansion.arrayIndex != "@", expansion.arrayIndex != "*"
    else { return false }
    switch expansion.operation {
    case .useDefault, .assignDefault, .errorIfUnset, .useAlternative, .matchingNames: return false
    default: return true
    }
  }

  /// Ends the path at `location` when `set -u` is on and an unset parameter was read
  /// there (status 1; see the type's comment). Returns true when it ended the path.
  @discardableResult
  func readUnset(_ parameter: String, at location: SourceLocation) -> Bool {
    guard order == .execution, state.termination == nil, state.options.nounset.isEnabled, nounsetExemptions == 0,
      !Self.hidesAssignments(state.shadowing)
    else { return false }
    exitPath(at: location, status: false)
    stopCauses[Self.key(location)] = .unsetParameter(parameter)
    return true
  }

  /// Runs `body` where an unset parameter does not end the shell (see `readUnset`).
  func exemptingNounset<T>(_ body: () -> T) -> T {
    nounsetExemptions += 1
    defer { nounsetExemptions -= 1 }
    return body()
  }

  /// Ends the path when `set -u` is on and the arithmetic `expressions` read an unset
  /// variable (`((n++))`, `$((x + 1))`, `let y=x`, `for ((i = 0; i < n; i++))`).
  func checkArithmeticNounset(_ expressions: [String], at location: SourceLocation) {
    guard state.options.nounset.isEnabled, order == .execution, state.termination == nil, nounsetExemptions == 0,
      !Self.hidesAssignments(state.shadowing)
    else { return }
    if case .unbound(let name) = arithmeticResult(expressions) { readUnset(name, at: location) }
  }
}

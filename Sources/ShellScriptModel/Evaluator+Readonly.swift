import Diagnostics

/// Assignments to readonly variables, as bash 5.2 runs a `#!/bin/bash` script (not in POSIX
/// mode). Bash prints "NAME: readonly variable" and, when `set -e` is on in the shell, exits
/// at once, whatever construct is around: `r=2 || true`, `if r=2; then`, `! r=2`,
/// `((r=2)) || true`, `read r || true`, `for r in a; do`, `export r=2 || true` all end
/// the script. Without `set -e`, an assignment word (`r=2`, `${r:=2}`) abandons the
/// command it is in, which ends a subshell (`( r=2; echo x )` exits 1 before `echo`);
/// the others only fail (status 1). `declare`, `typeset`, `local` and `unset` of a
/// readonly variable only fail, with or without `set -e` (verified with bash 5.2.15).
extension Evaluator {
  /// The variables bash makes readonly before the script runs (`readonly -p` in a new
  /// bash 5.2).
  static let readonlyAtStartup: Set<String> = ["BASHOPTS", "BASH_VERSINFO", "EUID", "PPID", "SHELLOPTS", "UID"]

  /// True when `name` is readonly on every path here.
  func isReadonly(_ name: String) -> Bool {
    Self.readonlyAtStartup.contains(name) || (!state.readonlyNames.isEmpty && state.readonlyNames.contains(name))
  }

  /// True when `set -e` is on in the shell being walked, whatever the construct around
  /// (what bash reads for a readonly assignment); bash clears it in a command
  /// substitution unless `inherit_errexit` is set (3.5.4).
  func errexitIsOn(_ context: WalkContext?) -> Bool {
    state.options.errexit.isEnabled && (context?.substitution == nil || state.options.inheritErrexit.isEnabled)
  }

  /// An assignment to a readonly variable at `location`: ends the path (the script, or
  /// the subshell being walked, with status 1) when `set -e` is on, or for an assignment
  /// word (`abandonsCommand`) inside a subshell. Returns true when it ended the path.
  ///
  /// An assignment word in the main shell without `set -e` abandons the rest of the
  /// top-level command it is in (bash goes on with the next line); the walk does not model
  /// that and goes on, leaving the variable as it was.
  @discardableResult
  func assignReadonly(_ name: String, at location: SourceLocation, abandonsCommand: Bool, _ context: WalkContext?) -> Bool {
    guard order == .execution, state.termination == nil else { return false }
    guard errexitIsOn(context) || (abandonsCommand && jumpTargets.contains { $0.kind == .subshell }) else { return false }
    exitPath(at: location, status: false)
    stopCauses[Self.key(location)] = .readonlyAssignment(name)
    return true
  }

  /// The builtins `readonlyWrite` and `noteReadonly` read.
  static let variableWritingBuiltins: Set<String> = [
    "read", "printf", "mapfile", "readarray", "getopts", "export", "readonly", "declare", "typeset", "local", "unset",
  ]

  /// How a builtin's write to a readonly variable ends (see `readonlyWrite`).
  enum ReadonlyWrite { case exits, fails }

  /// What builtin `name` does when an operand names a readonly variable, and the first
  /// such variable: `.exits` for `read`, `printf -v`, `mapfile`, `readarray`, `getopts`,
  /// and `export`/`readonly` with a value (bash exits under `set -e`, else they fail);
  /// `.fails` for `declare`, `typeset` and `local` with a value, `local NAME` and `unset
  /// NAME`. Nil when no operand names one. `literals` are the arguments after the name
  /// (nil: not known).
  func readonlyWrite(_ name: String, literals: [String?], declarations: [(Assignment, Binding)]) -> (kind: ReadonlyWrite, name: String)? {
    func first(_ names: [String?], _ kind: ReadonlyWrite) -> (kind: ReadonlyWrite, name: String)? {
      for case let name? in names where isReadonly(name) { return (kind, name) }
      return nil
    }
    let assigned = declarations.map { Optional($0.0.name) }
    switch name {
    case "read":
      let (_, named, rest) = Self.options(literals, taking: ["d", "i", "n", "N", "p", "t", "u"], naming: ["a"])
      return first(named.isEmpty && rest.isEmpty ? ["REPLY"] : named + rest, .exits)
    case "printf":
      return first(Self.options(literals, taking: [], naming: ["v"]).named, .exits)
    case "mapfile", "readarray":
      let rest = Self.options(literals, taking: ["d", "n", "O", "s", "u", "C", "c"]).operands
      return first([rest.first ?? "MAPFILE"], .exits)
    case "getopts":
      let operands = Self.operands(literals)
      return operands.count > 1 ? first([operands[1]], .exits) : nil
    case "export", "readonly":
      return first(assigned, .exits)
    case "declare", "typeset":
      return first(assigned, .fails)
    case "local":
      let plain = Self.operands(literals).filter { $0.map { Lexical.isName($0) } ?? false }
      return first(assigned + plain, .fails)
    case "unset":
      let (flags, _, names) = Self.options(literals, taking: [])
      return flags.contains("f") ? nil : first(names, .fails)
    default:
      return nil
    }
  }

  /// Marks the variables `readonly` and `declare -r` (`typeset -r`) make readonly: those
  /// named by `operands` or assigned by `declarations`. `declare -r` in a function makes a
  /// local variable (the walk keeps none: it reads only the global ones, and `declare -gr`),
  /// `local -r` one that ends with the call (`call` forgets it).
  func noteReadonly(_ builtin: String, literals: [String?], declarations: [(Assignment, Binding)]) {
    let flags = literals.prefix { $0?.hasPrefix("-") == true && $0 != "--" }.compactMap { $0?.dropFirst() }.joined()
    switch builtin {
    case "readonly": guard !flags.contains("f"), !flags.contains("p") else { return }
    case "declare", "typeset": guard flags.contains("r"), flags.contains("g") || localFrames.isEmpty else { return }
    case "local": guard flags.contains("r"), !localFrames.isEmpty else { return }
    default: return
    }
    var names = declarations.map(\.0.name)
    for literal in Self.operands(literals) { if let literal, Lexical.isName(literal) { names.append(literal) } }
    state.readonlyNames.formUnion(names)
  }
}

import Diagnostics

extension Evaluator {
  /// Adds a construct to those in effect on the current path (see `CommandShadowing`).
  func addShadowing(_ kind: CommandShadowing.Kind, at location: SourceLocation) {
    let construct = CommandShadowing(kind, at: location)
    if !state.shadowing.contains(construct) { state.shadowing.append(construct) }
  }

  /// The constructs that can make the simple command with `resolved` words not run as
  /// written (see `CommandInvocation.shadowing`): `function` is what its first word
  /// (`lookupIndex`, past `time`) calls, if anything.
  func shadowing(
    _ resolved: [ResolvedWord], words: [Word], commandIndex: Int, lookupIndex: Int, function: FunctionDefinition?, assignments: [Assignment]
  ) -> [CommandShadowing] {
    var found: [CommandShadowing] = []
    if let function { found.append(CommandShadowing(.function(function.name), at: function.location)) }
    lazy var first = resolved[lookupIndex].literal
    // The names the command's words call, built only when a construct needs them (most
    // commands of most scripts run with none in effect).
    lazy var names = Set(resolved[...commandIndex].compactMap(\.literal).map { $0.split(separator: "/").last.map(String.init) ?? $0 })
    for construct in state.shadowing {
      switch construct.kind {
      case .alias(let name?):
        // Only an unquoted first word is alias-expanded (Aliases, 6.6).
        if name == first, words[lookupIndex].parts.allSatisfy({ if case .literal = $0.kind { true } else { false } }) { found.append(construct) }
      case .builtinChange(let name?), .hashedPath(let name?):
        if names.contains(name) { found.append(construct) }
      case .function:
        break
      default:
        found.append(construct)
      }
    }
    // `PATH=/x cmd` and `env PATH=/x cmd`: the command is searched for in /x first.
    var pathAssignments = assignments
    for index in 0..<commandIndex { if let assignment = Assignment(word: words[index]) { pathAssignments.append(assignment) } }
    for assignment in pathAssignments where assignment.name == "PATH" && !Self.onlyAppends(assignment) {
      found.append(CommandShadowing(.pathChange, at: assignment.location))
    }
    return found
  }

  /// True when an assignment to PATH only appends directories: `PATH="$PATH:/x"`,
  /// `PATH=${PATH}:/x`, `PATH+=":/x"`, or `PATH="$PATH"`. `PATH+=x` without the colon
  /// lengthens the last directory's name, so it is a change.
  static func onlyAppends(_ assignment: Assignment) -> Bool {
    guard assignment.arrayIndex == nil, case .scalar(let word) = assignment.value else { return false }
    var parts: [WordPart.Kind] = []
    for part in word.parts {
      if case .doubleQuoted(let inner) = part.kind { parts += inner.map(\.kind) } else { parts.append(part.kind) }
    }
    func startsWithColon(_ rest: ArraySlice<WordPart.Kind>) -> Bool {
      guard let next = rest.first else { return true }
      switch next {
      case .literal(let text), .singleQuoted(let text), .escaped(let text), .ansiCQuoted(let text): return text.hasPrefix(":")
      default: return false
      }
    }
    if assignment.isAppend { return !parts.isEmpty && startsWithColon(parts[...]) }
    guard case .parameter(let expansion)? = parts.first, expansion.parameter == "PATH", expansion.operation == .value else { return false }
    return startsWithColon(parts.dropFirst())
  }

  /// Records what a builtin does to command lookup (see `CommandShadowing`); called for
  /// every simple command that is not a function call.
  func applyLookupBuiltin(_ name: String, arguments: [ResolvedWord], at location: SourceLocation) {
    let literals = arguments.map(\.literal)
    let operands = Self.operands(literals)
    switch name {
    case "set":
      if Self.setsNoexec(literals.prefix { $0 != nil }.map { $0! }) { addShadowing(.noexec, at: location) }
    case "trap":
      guard !literals.contains(where: { $0 == "-p" || $0 == "-l" || $0 == "-P" }), operands.count >= 2 else { return }
      let mentionsDebug = operands.dropFirst().contains { signal in
        guard let signal = signal?.uppercased() else { return true }
        return signal == "DEBUG" || signal == "SIGDEBUG"
      }
      guard mentionsDebug else { return }
      if let action = operands[0], action == "-" || action.isEmpty {
        state.shadowing.removeAll { $0.kind == .debugTrap }
      } else {
        addShadowing(.debugTrap, at: location)
      }
    case "alias":
      for operand in operands {
        guard let operand else {
          addShadowing(.alias(nil), at: location)
          continue
        }
        if let equals = operand.firstIndex(of: "=") { addShadowing(.alias(String(operand[..<equals])), at: location) }
      }
    case "source", ".":
      guard let file = operands.first else { return }
      if file == "/dev/null" { return }
      addShadowing(.sourcedFile(file ?? "a file named only at run time"), at: location)
    case "eval":
      if !arguments.isEmpty { addShadowing(.eval, at: location) }
    case "enable":
      var index = 0
      var names: [String?] = []
      while index < literals.count {
        let literal = literals[index]
        if literal == "-f" { index += 2; continue }
        if let literal, literal.hasPrefix("-"), literal.count > 1 { index += 1; continue }
        names.append(literal)
        index += 1
      }
      for name in names { addShadowing(.builtinChange(name), at: location) }
    case "hash":
      guard let flag = literals.firstIndex(of: "-p"), flag + 2 <= literals.count else { return }
      for name in literals[(flag + 2)...] { addShadowing(.hashedPath(name), at: location) }
    case "unset":
      if !literals.contains("-f"), literals.contains("PATH") { addShadowing(.pathChange, at: location) }
    case "local":
      if literals.contains("PATH") { addShadowing(.pathChange, at: location) }
    case "read", "mapfile", "readarray", "getopts":
      if literals.contains("PATH") { addShadowing(.pathChange, at: location) }
    case "printf":
      if literals.first == "-v", literals.count > 1, literals[1] == "PATH" { addShadowing(.pathChange, at: location) }
    default:
      break
    }
  }

  /// The operands of a builtin: the words after its options (`-x`) and an optional `--`;
  /// an unknown word ends the options.
  static func operands(_ literals: [String?]) -> [String?] {
    var index = 0
    while index < literals.count, let literal = literals[index], literal.hasPrefix("-"), literal.count > 1 {
      index += 1
      if literal == "--" { break }
    }
    return Array(literals[index...])
  }

  /// True when `set` words turn on noexec: `-n` (alone or in a cluster) or `-o noexec`.
  static func setsNoexec(_ words: [String]) -> Bool {
    var index = 0
    while index < words.count {
      let word = words[index]
      guard word.count > 1, word.hasPrefix("-"), word != "--" else { return false }
      let letters = word.dropFirst()
      if letters.contains("n") { return true }
      if letters.contains("o") {
        index += 1
        if index < words.count, words[index] == "noexec" { return true }
      }
      index += 1
    }
    return false
  }
}

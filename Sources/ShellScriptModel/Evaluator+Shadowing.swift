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
    for name in Self.parameters(in: words[lookupIndex].parts) where Lexical.isName(name) && state.variables[name] == nil {
      found.append(CommandShadowing(.nameFromEnvironment(name), at: words[lookupIndex].location))
    }
    // `PATH=/x cmd` and `env PATH=/x cmd`: the command is searched for in /x first.
    var pathAssignments = assignments
    for index in 0..<commandIndex { if let assignment = Assignment(word: words[index]) { pathAssignments.append(assignment) } }
    for assignment in pathAssignments where assignment.name == "PATH" && !Self.onlyAppends(assignment) {
      found.append(CommandShadowing(.pathChange, at: assignment.location))
    }
    return found
  }

  /// The parameters a word expands (`$X`, `${X:-d}`, inside double quotes too), in order.
  static func parameters(in parts: [WordPart]) -> [String] {
    parts.flatMap { part -> [String] in
      switch part.kind {
      case .parameter(let expansion): [expansion.parameter]
      case .doubleQuoted(let inner): parameters(in: inner)
      default: []
      }
    }
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
    // `BASH_ALIASES["sam"]=true`: an assignment bash reads, with a quoted subscript the
    // word reader leaves as a command name (after quote removal, `BASH_ALIASES[sam]=true`).
    if let equals = name.firstIndex(of: "="), let bracket = name.firstIndex(of: "["), bracket < equals,
      let close = name[bracket...].firstIndex(of: "]"), close < equals
    {
      noteLookupVariable(String(name[..<bracket]), subscript: String(name[name.index(after: bracket)..<close]), at: location)
    }
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
      noteNameReferences(literals, at: location)
    case "declare", "typeset":
      noteNameReferences(literals, at: location)
    case "read", "mapfile", "readarray", "getopts":
      if literals.contains("PATH") { addShadowing(.pathChange, at: location) }
    case "printf":
      if literals.first == "-v", literals.count > 1, literals[1] == "PATH" { addShadowing(.pathChange, at: location) }
    default:
      break
    }
  }

  /// Records what an assignment to one of bash's command-lookup variables does:
  /// `PATH` (here for arithmetic assignments, `((PATH=1))` and `let PATH=1`, which are
  /// never appends), `BASH_CMDS` (the hash table: `BASH_CMDS[sam]=/bin/true` is `hash -p`)
  /// and `BASH_ALIASES` (`BASH_ALIASES[sam]=true` is `alias`). Reference: "Bash Variables",
  /// https://www.gnu.org/software/bash/manual/html_node/Bash-Variables.html
  func noteLookupVariable(_ name: String, subscript key: String? = nil, at location: SourceLocation) {
    switch name {
    case "PATH": addShadowing(.pathChange, at: location)
    case "BASH_CMDS": addShadowing(.hashedPath(key.flatMap(Self.literalKey)), at: location)
    case "BASH_ALIASES": addShadowing(.alias(key.flatMap(Self.literalKey)), at: location)
    default: break
    }
  }

  /// An associative-array subscript written as plain text (`sam`, `"sam"`), or nil.
  static func literalKey(_ text: String) -> String? {
    var key = text
    if key.count >= 2, let first = key.first, first == key.last, first == "\"" || first == "'" { key = String(key.dropFirst().dropLast()) }
    return key.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) } && !key.isEmpty ? key : nil
  }

  /// `declare -n`, `local -n`, `typeset -n`: a name reference. Writing through it writes
  /// the variable it names, so one that names `PATH`, `BASH_CMDS` or `BASH_ALIASES` (or a
  /// name only known at run time) changes command lookup as they do. Reference:
  /// "Shell Parameters", https://www.gnu.org/software/bash/manual/html_node/Shell-Parameters.html
  func noteNameReferences(_ literals: [String?], at location: SourceLocation) {
    let flags = literals.prefix { $0?.hasPrefix("-") == true && $0 != "--" }.compactMap { $0 }
    guard flags.contains(where: { $0.dropFirst().contains("n") }) else { return }
    for operand in Self.operands(literals) {
      guard let operand else {
        addShadowing(.pathChange, at: location)
        continue
      }
      guard let equals = operand.firstIndex(of: "=") else { continue }
      let target = String(operand[operand.index(after: equals)...])
      if ["PATH", "BASH_CMDS", "BASH_ALIASES"].contains(target) {
        noteLookupVariable(target, at: location)
      } else if target.isEmpty || !Lexical.isName(target) {
        addShadowing(.pathChange, at: location)
      }
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

import Diagnostics

extension Evaluator {
  /// How many constructs a path keeps (see `addShadowing`), and how many of one kind.
  static let maximumShadowing = 64
  static let maximumShadowingOfAKind = 4

  /// Adds a construct to those in effect on the current path (see `CommandShadowing`).
  ///
  /// A path keeps at most `maximumShadowingOfAKind` of one kind (`PATH` changed at four
  /// places already says what the rules need) and `maximumShadowing` in all, so a script
  /// that aliases thousands of names cannot make every later command cost as much: past
  /// the limit a construct is kept in its form that concerns every command (`alias x` →
  /// an alias of a name not known), once per form.
  func addShadowing(_ kind: CommandShadowing.Kind, at location: SourceLocation) {
    let construct = CommandShadowing(kind, at: location)
    guard !state.shadowing.contains(construct) else { return }
    var sameKind = 0
    for existing in state.shadowing where existing.kind == kind { sameKind += 1 }
    guard sameKind < Self.maximumShadowingOfAKind else { return }
    guard state.shadowing.count >= Self.maximumShadowing else {
      state.shadowing.append(construct)
      return
    }
    let general: CommandShadowing.Kind
    switch kind {
    case .alias: general = .alias(nil)
    case .hashedPath: general = .hashedPath(nil)
    case .builtinChange: general = .builtinChange(nil)
    case .sourcedFile: general = .sourcedFile("more files named later")
    default: general = kind
    }
    if !state.shadowing.contains(where: { $0.kind == general }) { state.shadowing.append(CommandShadowing(general, at: location)) }
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
    lazy var splits = !ifsIsDefault && words.contains(where: Self.dependsOnIFS)
    for construct in state.shadowing {
      switch construct.kind {
      case .alias(let name?):
        // Only an unquoted first word is alias-expanded (Aliases, 6.6).
        if name == first, words[lookupIndex].parts.allSatisfy({ if case .literal = $0.kind { true } else { false } }) { found.append(construct) }
      case .builtinChange(let name?), .hashedPath(let name?):
        if names.contains(name) { found.append(construct) }
      case .function:
        break
      case .fieldSplitting:
        if splits { found.append(construct) }
      default:
        found.append(construct)
      }
    }
    for name in Self.parameters(in: words[lookupIndex].parts) where Lexical.isName(name) && state.variables[name] == nil {
      found.append(CommandShadowing(.nameFromEnvironment(name), at: words[lookupIndex].location))
    }
    // `PATH=/x cmd` and `env PATH=/x cmd`: the command is searched for in /x first.
    var pathAssignments = assignments
    for index in 0..<commandIndex { if let assignment = Assignment(declarationArgument: words[index]) { pathAssignments.append(assignment) } }
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
  /// every simple command that is not a function call. `words` are the arguments as
  /// written, `arguments` their values.
  ///
  /// A word that expands a variable the script never sets counts as not known: the walk
  /// takes it as unset, but the caller's environment may set it (`declare "$v=/x"`,
  /// `trap "$ACTION" INT`), as for `.nameFromEnvironment`.
  func applyLookupBuiltin(_ name: String, arguments: [ResolvedWord], words: [Word], at location: SourceLocation) {
    // Worked out on first use: most commands are none of the builtins below, and reading
    // which words expand a variable the environment may set costs a lookup per parameter.
    var known: [String?]?
    func literals() -> [String?] {
      if let known { return known }
      let value = zip(arguments, words).map { argument, word in readsEnvironment(word) ? nil : argument.literal } + arguments.dropFirst(words.count).map(\.literal)
      known = value
      return value
    }
    func operands() -> [String?] { Self.operands(literals()) }
    switch name {
    case "set":
      if Self.setsNoexec(literals().prefix { $0 != nil }.map { $0! }) { addShadowing(.noexec, at: location) }
    case "trap":
      applyTrap(literals(), at: location)
    case "alias":
      for operand in operands() {
        guard let operand else {
          addShadowing(.alias(nil), at: location)
          continue
        }
        if let equals = operand.firstIndex(of: "=") { addShadowing(.alias(String(operand[..<equals])), at: location) }
      }
    case "source", ".":
      guard let file = operands().first else { return }
      if file == "/dev/null" { return }
      addShadowing(.sourcedFile(file ?? "a file named only at run time"), at: location)
    case "eval":
      if !arguments.isEmpty { addShadowing(.eval, at: location) }
    case "enable":
      let values = literals()
      var index = 0
      var names: [String?] = []
      while index < values.count {
        let literal = values[index]
        if literal == "-f" { index += 2; continue }
        if let literal, literal.hasPrefix("-"), literal.count > 1 { index += 1; continue }
        names.append(literal)
        index += 1
      }
      for name in names { addShadowing(.builtinChange(name), at: location) }
    case "hash":
      let values = literals()
      guard let flag = values.firstIndex(of: "-p"), flag + 2 <= values.count else { return }
      for name in values[(flag + 2)...] { addShadowing(.hashedPath(name), at: location) }
    case "unset":
      let (flags, _, names) = Self.options(literals(), taking: [])
      if flags.contains("f") { return }
      for name in names { noteAssignedName(name, at: location) }
    case "local", "declare", "typeset", "export", "readonly":
      applyDeclaration(name, literals: literals(), words: words, at: location)
    case "read":
      let (_, named, rest) = Self.options(literals(), taking: ["d", "i", "n", "N", "p", "t", "u"], naming: ["a"])
      for name in named + rest { noteAssignedName(name, at: location) }
    case "mapfile", "readarray":
      let (flags, _, rest) = Self.options(literals(), taking: ["d", "n", "O", "s", "u", "C", "c"])
      if let array = rest.first { noteAssignedName(array, at: location) }
      // `-C CALLBACK`: the text is run as a command every `-c` lines, as `eval` runs it.
      if flags.contains("C") { addShadowing(.eval, at: location) }
    case "getopts":
      let values = operands()
      if values.count > 1 { noteAssignedName(values[1], at: location) }
    case "printf":
      let (_, named, _) = Self.options(literals(), taking: [], naming: ["v"])
      for name in named { noteAssignedName(name, at: location) }
    case "wait":
      let (_, named, _) = Self.options(literals(), taking: [], naming: ["p"])
      for name in named { noteAssignedName(name, at: location) }
    case "test", "[":
      let values = literals()
      for (index, literal) in values.enumerated() where literal == "-v" && index + 1 < values.count {
        evaluateElementName(values[index + 1], at: location)
      }
    default:
      break
    }
  }

  static let trapActionInlineLimit = 5_000
  /// The string-operation steps a trap action's walk may take (64 Ki, and no more than the
  /// walk that reads it has left; see `textWorkLimit`).
  static let trapActionTextWork = 1 << 16

  /// True when `word` expands a variable that neither the script nor the `Environment` sets.
  func readsEnvironment(_ word: Word) -> Bool {
    Self.parameters(in: word.parts).contains { Lexical.isName($0) && state.variables[$0] == nil && environment.variables[$0] == nil }
  }

  /// `trap ACTION SIGNAL...` (see `CommandShadowing.Kind.debugTrap` and `.trap`): DEBUG
  /// and RETURN traps count whatever their action, other signals (not EXIT) when the
  /// action may change command lookup. `trap - SIGNAL`, `trap '' SIGNAL` and `trap SIGNAL`
  /// remove it. A signal not known counts as DEBUG.
  private func applyTrap(_ literals: [String?], at location: SourceLocation) {
    guard !literals.contains(where: { $0 == "-p" || $0 == "-l" || $0 == "-P" }) else { return }
    let operands = Self.operands(literals)
    guard let first = operands.first else { return }
    let removes: Bool
    let signals: ArraySlice<String?>
    if operands.count == 1 {
      removes = true
      signals = operands[...]
    } else {
      removes = first == "-" || first == ""
      signals = operands.dropFirst()
    }
    lazy var mayShadow = trapActionMayShadow(first)
    for signal in signals {
      var name = signal?.uppercased()
      if let known = name, known.hasPrefix("SIG") { name = String(known.dropFirst(3)) }
      let kind: CommandShadowing.Kind
      switch name {
      case nil, "DEBUG": kind = .debugTrap
      case "EXIT", "0": continue
      case let other?: kind = .trap(other)
      }
      if removes {
        state.shadowing.removeAll { $0.kind == kind }
      } else if kind == .debugTrap || kind == .trap("RETURN") || mayShadow {
        addShadowing(kind, at: location)
      }
    }
  }

  /// True when a trap's action (nil: not known) may change command lookup when it runs:
  /// read as a script and walked with the functions defined so far (inlining at most
  /// `trapActionInlineLimit` records and as many words), it defines a function, leaves a construct of
  /// `CommandShadowing` in effect, or is cut short. Actions are read once each; after
  /// `maximumTrapActions` different ones, and for a trap set inside an action, every
  /// further one counts.
  func trapActionMayShadow(_ action: String?) -> Bool {
    guard let action, !readsTrapAction else { return true }
    if let known = trapActions[action] { return known }
    guard trapActions.count < Self.maximumTrapActions else { return true }
    var result = true
    if let script = try? ShellScript.parse(SourceText(file: "trap action", text: action)), script.functions.isEmpty {
      var table = functions
      for (name, definition) in defined { table[name] = definition }
      let evaluation = Evaluator.run(
        statements: script.statements, functions: Array(table.values), shebang: nil, file: "trap action", environment: .unknown, order: .execution
      ) { walk in
        walk.readsTrapAction = true
        walk.inlineLimit = Self.trapActionInlineLimit
        walk.inlineWordLimit = Self.trapActionInlineLimit
        walk.inlineFrameLimit = Self.trapActionInlineLimit
        walk.textWorkLeft = min(self.textWorkLeft, Self.trapActionTextWork)
      }
      result = !evaluation.finalState.shadowing.isEmpty || evaluation.isTruncated
    }
    trapActions[action] = result
    return result
  }

  /// `local`, `declare`, `typeset`, `export`, `readonly`: an operand bash reads as an
  /// assignment only at run time names its variable there; when the walk cannot tell
  /// which (`declare "$v=/x"`), it may be PATH (`.computedName`). Operands the word reader
  /// takes as assignments (`declare X=1`, `export "PATH=$PATH:/x"`) are performed by
  /// `applyBuiltin`; `-n` operands are name references (`noteNameReferences`), `-i` ones
  /// integers whose assignments are arithmetic. `-p`, `-f`, `-F` only print or concern
  /// functions.
  private func applyDeclaration(_ builtin: String, literals: [String?], words: [Word], at location: SourceLocation) {
    var index = 0
    var flags = ""
    while index < literals.count, let literal = literals[index], literal.count > 1, literal.hasPrefix("-") || literal.hasPrefix("+") {
      index += 1
      if literal == "--" { break }
      if literal.hasPrefix("-") { flags += literal.dropFirst() }
    }
    if flags.contains("p") || flags.contains("f") || flags.contains("F") { return }
    // `export -n NAME` takes the export attribute away; `declare`, `typeset` and `local -n` make references.
    if flags.contains("n"), builtin != "export", builtin != "readonly" {
      noteNameReferences(Array(literals[index...]), words: Array(words.dropFirst(index)), at: location)
      return
    }
    for position in index..<literals.count {
      if position < words.count, let assignment = Assignment(declarationArgument: words[position]) {
        if flags.contains("i") { integerVariables.insert(assignment.name) }
        continue
      }
      guard let literal = literals[position] else {
        addShadowing(.computedName, at: location)
        continue
      }
      let end = literal.firstIndex { $0 == "=" || $0 == "[" || $0 == "+" } ?? literal.endIndex
      let name = String(literal[..<end])
      guard Lexical.isName(name) else { continue }
      if flags.contains("i") { integerVariables.insert(name) }
      let rest = literal[end...]
      if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
        let key = String(rest[rest.index(after: rest.startIndex)..<close])
        evaluateSubscript(key, at: location)
        noteLookupVariable(name, subscript: key, at: location)
      } else if rest.contains("=") || builtin == "local" {
        // `local NAME` hides the caller's value: PATH becomes unset in the function.
        noteLookupVariable(name, at: location)
        // A name that came from an expansion (`declare "$v=1"`): the walk applies no such
        // assignment, so the variable's value is unknown from here.
        if rest.contains("=") { assign(name, .scalar(ResolvedWord(symbol: Symbol(kind: .parameter(name), expression: "$" + name)))) }
      }
    }
  }

  /// A variable a builtin assigns or unsets (`read NAME`, `printf -v NAME`, `unset NAME`):
  /// nil (named only at run time) may be any variable; `a[sub]` evaluates its subscript.
  func noteAssignedName(_ name: String?, at location: SourceLocation) {
    guard let name else {
      addShadowing(.computedName, at: location)
      return
    }
    if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
      let base = String(name[..<open])
      guard Lexical.isName(base) else { return }
      evaluateElementName(name, at: location)
      noteLookupVariable(base, subscript: String(name[name.index(after: open)..<name.index(before: name.endIndex)]), at: location)
      noteReferenceWrite(base, at: location)
      return
    }
    guard Lexical.isName(name) else { return }
    noteLookupVariable(name, at: location)
    noteReferenceWrite(name, at: location)
  }

  /// Options of a builtin, bash style: clusters (`-rp PROMPT`), `--`, and the first
  /// operand ending them. Letters in `taking` and `naming` take an argument (the rest of
  /// the cluster, or the next word); those of `naming` name a variable. Returns the option
  /// letters, the variables named, and the operands. A word not known ends the options.
  static func options(_ literals: [String?], taking: Set<Character>, naming: Set<Character> = []) -> (flags: String, named: [String?], operands: [String?]) {
    var flags = ""
    var named: [String?] = []
    var index = 0
    scan: while index < literals.count, let literal = literals[index], literal.count > 1, literal.hasPrefix("-") {
      index += 1
      if literal == "--" { break }
      var letters = literal.dropFirst()
      while let letter = letters.first {
        letters = letters.dropFirst()
        flags.append(letter)
        guard taking.contains(letter) || naming.contains(letter) else { continue }
        var argument: String?? = letters.isEmpty ? nil : .some(String(letters))
        if argument == nil {
          guard index < literals.count else { break scan }
          argument = .some(literals[index])
          index += 1
        }
        if naming.contains(letter), let argument { named.append(argument) }
        continue scan
      }
    }
    return (flags, named, Array(literals[index...]))
  }

  /// Records what an assignment to one of bash's command-lookup variables does:
  /// `PATH` (here for arithmetic assignments, `((PATH=1))` and `let PATH=1`, which are
  /// never appends), `BASH_CMDS` (the hash table: `BASH_CMDS[sam]=/bin/true` is `hash -p`),
  /// `BASH_ALIASES` (`BASH_ALIASES[sam]=true` is `alias`) and `IFS` (word splitting, see
  /// `CommandShadowing.Kind.fieldSplitting`). Reference: "Bash Variables",
  /// https://www.gnu.org/software/bash/manual/html_node/Bash-Variables.html
  func noteLookupVariable(_ name: String, subscript key: String? = nil, at location: SourceLocation) {
    switch name {
    case "PATH": addShadowing(.pathChange, at: location)
    case "BASH_CMDS": addShadowing(.hashedPath(key.flatMap(Self.literalKey)), at: location)
    case "BASH_ALIASES": addShadowing(.alias(key.flatMap(Self.literalKey)), at: location)
    case "IFS": addShadowing(.fieldSplitting, at: location)
    // EXECIGNORE hides programs from the PATH search, so a name can find another one.
    case "EXECIGNORE": addShadowing(.pathChange, at: location)
    case "PS4": addShadowing(.tracePrompt, at: location)
    default: break
    }
  }

  /// An associative-array subscript written as plain text (`sam`, `"sam"`), or nil.
  static func literalKey(_ text: String) -> String? {
    var key = text
    if key.count >= 2, let first = key.first, first == key.last, first == "\"" || first == "'" { key = String(key.dropFirst().dropLast()) }
    return key.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) } && !key.isEmpty ? key : nil
  }

  /// `declare -n`, `local -n`, `typeset -n`: name references (`operands` with their words).
  /// Writing through one writes the variable it names, so one that names `PATH`,
  /// `BASH_CMDS`, `BASH_ALIASES` or `IFS` changes command lookup as they do; one whose
  /// target is only known at run time (`declare -n r="$v"`, or `declare -n r` whose first
  /// assignment names it) may name any of them (`.computedName`). The walk remembers every
  /// reference: reading one gives an unknown value, writing one makes its targets unknown
  /// (`noteReferenceWrite`). Reference: "Shell Parameters",
  /// https://www.gnu.org/software/bash/manual/html_node/Shell-Parameters.html
  func noteNameReferences(_ operands: [String?], words: [Word], at location: SourceLocation) {
    for (position, operand) in operands.enumerated() {
      let assignment = position < words.count ? Assignment(declarationArgument: words[position]) : nil
      let name = assignment?.name ?? operand.map { String($0.prefix { $0 != "=" }) }
      guard let name, Lexical.isName(name) else {
        addShadowing(.computedName, at: location)
        continue
      }
      guard let operand else {
        // `declare -n r="$v"`: the target is only known at run time.
        unknownReferences.insert(name)
        addShadowing(.computedName, at: location)
        continue
      }
      guard let equals = operand.firstIndex(of: "=") else {
        // `declare -n r`: the first value assigned to r names the target.
        unknownReferences.insert(name)
        continue
      }
      let target = String(operand[operand.index(after: equals)...])
      var base = target
      if let open = target.firstIndex(of: "["), target.hasSuffix("]") {
        base = String(target[..<open])
        evaluateElementName(target, at: location)
      }
      guard Lexical.isName(base) else {
        unknownReferences.insert(name)
        addShadowing(.computedName, at: location)
        continue
      }
      referenceTargets[name, default: []].insert(base)
      noteLookupVariable(base, at: location)
    }
  }

  /// A write to `name` (an assignment, `read`, `printf -v` ...): when `name` was made a
  /// name reference, the variables it may refer to become unknown and lookup variables
  /// among them are recorded; one with a target only known at run time is `.computedName`.
  func noteReferenceWrite(_ name: String, at location: SourceLocation) {
    guard !referenceTargets.isEmpty || !unknownReferences.isEmpty else { return }
    if unknownReferences.contains(name) { addShadowing(.computedName, at: location) }
    for target in referenceTargets[name] ?? [] where target != name {
      noteLookupVariable(target, at: location)
      assign(target, .scalar(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "$" + target, variable: target))))
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

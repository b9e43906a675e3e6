import Diagnostics

extension Evaluator {
  /// The exit status of `statement` when it is known statically (true = success), for
  /// deciding `if`, `&&`/`||` and loops: `true`, `false`, `:`, `test`/`[` and `[[ ]]` with
  /// known operands (6.4 "Bash Conditional Expressions"), and a call of a function whose
  /// paths all `return` the same known status. Only in execution order.
  func decide(_ statement: Statement) -> Bool? {
    guard order == .execution else { return nil }
    switch statement.kind {
    case .negation(let inner):
      return decide(inner).map { !$0 }
    case .simple(let command):
      // An assignment's status is that of its last command substitution, else 0 (3.7.1).
      guard !command.words.isEmpty else {
        if let walked = assignmentStatuses[Self.key(statement.location)] { return walked }
        return command.assignments.contains(where: \.hasCommandSubstitution) ? nil : true
      }
      // Most commands are neither a builtin decided here nor a wrapper: their other words
      // are not resolved (a quiet resolution changes nothing, so skipping it is safe).
      let name = resolve(command.words[0].parts, nil, quiet: true)
      let isWrapper = name.literal.map(Self.isWrapperName) ?? false
      guard isWrapper || name.literal.map(Self.decidedBuiltins.contains) == true else {
        return callStatuses[Self.key(command.words[0].location)]
      }
      // Bash runs a function before a builtin or program of the same name (3.7.2 "Command
      // Search and Execution"): with `false() { :; }`, `false || exit 3` goes on, and
      // `command` or `env` defined as functions are no wrappers. The call's status is
      // what the walk of its body found, as `walkSimple` looks the name up.
      if let literal = name.literal, defined.index(forKey: literal) != nil || functions.index(forKey: literal) != nil {
        return callStatuses[Self.key(command.words[0].location)]
      }
      let words = [name] + command.words.dropFirst().map { resolve($0.parts, nil, quiet: true) }
      let boundaries = isWrapper ? CommandInvocation.wrapperBoundaries(words.map(\.literal)) : []
      guard let start = boundaries.last else {
        return builtinStatus(words[...]) ?? callStatuses[Self.key(command.words[0].location)]
      }
      // `command` and `builtin` run the builtin they name (`command false` fails as `false`
      // does); `env`, `nice`, `nohup`, `sudo`, `timeout` and `exec` run the program of that
      // name, which fails as the builtin does, or is missing (127), so only a failure
      // carries over (`env false` fails, `env :` too: bash 5.2).
      let wrappers = [0] + boundaries.dropLast()
      let status = builtinStatus(words[start...])
      return wrappers.allSatisfy({ words[$0].literal == "command" || words[$0].literal == "builtin" }) || status == false ? status : nil
    case .conditional(let command):
      return evaluateConditional(command.words)
    case .arithmetic(let command):
      return arithmeticStatus(command.expression)
    case .pipeline(let pipeline):
      // The last member's status; with pipefail, any member's failure (3.2.3 "Pipelines").
      let statuses = pipeline.commands.map(decide)
      guard state.options.pipefail.isEnabled else { return statuses.last ?? nil }
      if statuses.contains(false) { return false }
      return statuses.allSatisfy { $0 == true } ? true : nil
    default:
      return nil
    }
  }

  /// True for the names `CommandInvocation.wrapperBoundaries` reads as wrappers
  /// (`command`, `env`, `/usr/bin/env` ...).
  static func isWrapperName(_ word: String) -> Bool {
    let name = word.utf8.contains(UInt8(ascii: "/")) ? word.split(separator: "/").last.map(String.init) ?? word : word
    return wrapperNames.contains(name)
  }

  static let wrapperNames: Set<String> = ["command", "builtin", "nohup", "exec", "time", "nice", "sudo", "env", "timeout"]

  /// The builtins whose status `builtinStatus` may know.
  static let decidedBuiltins: Set<String> = ["true", ":", "false", "test", "let", "["]

  /// The status of the builtin `words` run when the walk knows it: `true`, `:`, `false`,
  /// `test` and `[` with known operands, `let` of expressions whose values are known.
  private func builtinStatus(_ words: ArraySlice<ResolvedWord>) -> Bool? {
    let arguments = Array(words.dropFirst())
    switch words.first?.literal {
    case "true", ":": return true
    case "false": return false
    case "test": return evaluateTest(arguments)
    case "let":
      // Each argument is evaluated in turn; the last one's value decides (4.2 "Bash
      // Builtin Commands", `let`).
      let expressions = arguments.compactMap(\.literal)
      guard !expressions.isEmpty, expressions.count == arguments.count else { return nil }
      return arithmeticStatus(of: expressions)
    case "[":
      guard arguments.last?.literal == "]" else { return nil }
      return evaluateTest(Array(arguments.dropLast()))
    default: return nil
    }
  }

  /// The status `statement` left, read right after the walk of it: `decide`, and for an
  /// and-or list, a pipeline or a subshell the status its walk recorded, for a brace group
  /// its last statement's. Nil when not known (a loop, `if`, `case` among them). What a
  /// function that falls off its end returns, and what a subshell exits with.
  func finalStatus(of statement: Statement) -> Bool? {
    switch statement.kind {
    case .andOr, .pipeline, .subshell: return listStatuses[Self.key(statement.location)]
    case .braceGroup(let list): return list.last.flatMap(finalStatus)
    case .negation(let inner): return finalStatus(of: inner).map { !$0 }
    case .simple(let command):
      if let status = decide(statement) { return status }
      // A call whose every path fails, falling off the end included (see `failingCalls`).
      guard let name = command.words.first, failingCalls.contains(Self.key(name.location)), !Self.hidesAssignments(state.shadowing) else { return nil }
      return false
    default: return decide(statement)
    }
  }

  /// True when `decide(statement)` gives the same answer on every run of a loop: the
  /// operands of `test`, `[`, `[[ ]]` and `((...))` are written out (no expansion, no
  /// variable name). A condition that reads a variable is decided for the first run only:
  /// `while [ "$n" -gt 0 ]` with n=3 runs, but the body may count n down. The same for
  /// `let` and for those run by `command`, `builtin`, `env` ... . Other commands (`true`,
  /// a function whose every path returns the same status) count as constant.
  static func isConstantCondition(_ statement: Statement) -> Bool {
    switch statement.kind {
    case .negation(let inner):
      return isConstantCondition(inner)
    case .pipeline(let pipeline):
      return pipeline.commands.allSatisfy(isConstantCondition)
    case .simple(let command):
      // `command [ "$x" = a ]` reads x as `[ "$x" = a ]` does.
      let start = CommandInvocation.wrapperBoundaries(command.words.map(\.literalValue)).last ?? 0
      guard start < command.words.count else { return true }
      switch command.words[start].literalValue {
      case "test", "[": return command.words.allSatisfy { $0.literalValue != nil }
      case "let": return command.words[(start + 1)...].allSatisfy { $0.literalValue.map(Self.isConstantArithmetic) ?? false }
      default: return true
      }
    case .conditional(let command):
      return command.words.allSatisfy { $0.literalValue != nil }
    case .arithmetic(let command):
      return isConstantArithmetic(command.expression)
    default:
      return true
    }
  }

  /// True when an arithmetic expression reads no variable: no name, no `$`.
  static func isConstantArithmetic(_ expression: String) -> Bool {
    expression.unicodeScalars.allSatisfy { !Lexical.isNameStart($0) && $0 != "$" }
  }

  /// Ends the walk at `statement` when it certainly fails (`decide` is false: `false`, a
  /// `test`, `[` or `[[ ]]` of known operands that is false, a `((...))` whose value is
  /// known to be 0, a pipeline whose status is one of those) where `set -e` is in
  /// effect: bash exits there (Bash Reference Manual, 4.3.1 "The Set Builtin", `-e`), so
  /// nothing after it runs. Function calls are decided inside their bodies.
  func stopIfCertainlyFailing(_ statement: Statement, at location: SourceLocation, _ context: WalkContext) {
    stop(ifFailing: certainlyFails(statement), at: location, context)
  }

  /// True when `statement` certainly fails: `decide` is false, and when that rests on
  /// variables, nothing on the path so far may have assigned them out of the walk's sight
  /// (`hidesAssignments`: after `eval "n=5"`, `((n))` is not known to fail).
  func certainlyFails(_ statement: Statement) -> Bool {
    decide(statement) == false && (Self.isConstantCondition(statement) || !Self.hidesAssignments(state.shadowing))
  }

  /// Whether `shadowing` holds a construct that may assign variables the walk does not
  /// see: `source`, `eval`, a name only known at run time, a trap's action (a DEBUG trap
  /// runs before every command).
  static func hidesAssignments(_ shadowing: [CommandShadowing]) -> Bool {
    shadowing.contains { construct in
      switch construct.kind {
      case .sourcedFile, .eval, .computedName, .trap, .debugTrap: true
      default: false
      }
    }
  }

  /// True when a loop condition that decided to keep the loop running decides the same on
  /// its next run: it cannot change (`isConstantCondition`), or it assigns nothing itself
  /// and no path round the loop (`paths`: the body's fall-through and its `continue`s)
  /// leaves a variable it reads with another value than at the loop's entry (the current
  /// state: a function's `local` is gone by then), or the arguments it reads (`shift`,
  /// `set --`) other than they were, or may assign one out of the walk's sight.
  func conditionHolds(_ condition: Statement, over paths: [Outcome]) -> Bool {
    if Self.isConstantCondition(condition) { return true }
    guard !Self.assignsInArithmetic(condition) else { return false }
    return !paths.contains { path in
      Self.hidesAssignments(path.shadowing)
        || path.changes.contains { name, value in value != state.variables[name] && Self.condition(condition, reads: name) }
        // `while [ $# -gt 0 ]; do ...; shift; done`: the arguments change.
        || (path.positional != state.positional && Self.positionalParameters.contains { Self.condition(condition, reads: $0) })
    }
  }

  /// The parameters that are a script's or function's arguments: `$#`, `$@`, `$*`, `$1`...
  static let positionalParameters = ["#", "@", "*"] + (1...9).map(String.init)

  /// Whether `condition` may read variable `name` (anything but a test, `[[ ]]` or
  /// `((...))` may).
  static func condition(_ condition: Statement, reads name: String) -> Bool {
    switch condition.kind {
    case .negation(let inner): Self.condition(inner, reads: name)
    case .simple(let command): command.words.contains { $0.references(parameter: name) }
    case .conditional(let command): command.words.contains { $0.references(parameter: name) }
    case .arithmetic(let command): ArithmeticText.references(command.expression, parameter: name)
    default: true
    }
  }

  /// Whether `condition` is (or negates) a `((...))` that assigns (`((n--))`).
  static func assignsInArithmetic(_ condition: Statement) -> Bool {
    switch condition.kind {
    case .negation(let inner): assignsInArithmetic(inner)
    case .arithmetic(let command): !ArithmeticText.assignedVariables(command.expression).isEmpty
    default: false
    }
  }

  /// Ends the walk at `location` when `fails` and `set -e` is in effect there (see
  /// `stopIfCertainlyFailing`); for a status decided before the command's own effects.
  func stop(ifFailing fails: Bool, at location: SourceLocation, _ context: WalkContext) {
    guard fails, order == .execution, state.termination == nil, errexitStatus(context).isEffective else { return }
    exitPath(at: location, status: false)
  }

  /// True when known to be non-empty, false when known empty, nil otherwise.
  private func isNonEmpty(_ value: ResolvedWord) -> Bool? { Self.isNull(value).map { !$0 } }

  private func evaluateTest(_ arguments: [ResolvedWord]) -> Bool? {
    switch arguments.count {
    case 0:
      return false
    case 1:
      return isNonEmpty(arguments[0])
    case 2:
      switch arguments[0].literal {
      case "!": return isNonEmpty(arguments[1]).map { !$0 }
      case "-z": return Self.isNull(arguments[1])
      case "-n": return isNonEmpty(arguments[1])
      default: return nil
      }
    case 3:
      if arguments[0].literal == "!" { return evaluateTest(Array(arguments[1...])).map { !$0 } }
      guard let op = arguments[1].literal else { return nil }
      return compare(arguments[0], op, arguments[2], pattern: nil)
    case 4:
      if arguments[0].literal == "!" { return evaluateTest(Array(arguments[1...])).map { !$0 } }
      return nil
    default:
      return nil
    }
  }

  private func compare(_ lhs: ResolvedWord, _ op: String, _ rhs: ResolvedWord, pattern: GlobPattern?) -> Bool? {
    guard let left = lhs.literal else { return nil }
    switch op {
    case "=", "==", "!=":
      let equal: Bool
      if let pattern {
        guard let matched = pattern.matches(left, budget: &textWorkLeft) else { return nil }
        equal = matched
      } else {
        guard let right = rhs.literal, spendTextWork(left.utf8.count + right.utf8.count) else { return nil }
        equal = left == right
      }
      return op == "!=" ? !equal : equal
    case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
      guard let right = rhs.literal, let a = Int(left.trimmingBlanks()), let b = Int(right.trimmingBlanks()) else { return nil }
      switch op {
      case "-eq": return a == b
      case "-ne": return a != b
      case "-lt": return a < b
      case "-le": return a <= b
      case "-gt": return a > b
      default: return a >= b
      }
    case "<", ">":
      guard let right = rhs.literal, spendTextWork(left.utf8.count + right.utf8.count) else { return nil }
      return op == "<" ? left < right : left > right
    default:
      return nil
    }
  }

  private func evaluateConditional(_ words: [Word]) -> Bool? {
    // Leading `!`s are counted, not recursed into: `[[ ! ! ... ! a ]]` thousands deep once
    // overflowed the stack.
    let negations = words.prefix { $0.isUnquoted("!") }.count
    guard negations == 0 else { return evaluateConditional(Array(words.dropFirst(negations))).map { negations % 2 == 0 ? $0 : !$0 } }
    // Read without recording; counted against `inlineWordBudget` like recorded words.
    if !localFrames.isEmpty { inlinedWords += words.count }
    let values = words.map { resolve($0.parts, nil, quiet: true) }
    switch words.count {
    case 1:
      return isNonEmpty(values[0])
    case 2:
      switch values[0].literal {
      case "-z": return Self.isNull(values[1])
      case "-n": return isNonEmpty(values[1])
      default: return nil
      }
    case 3:
      guard let op = values[1].literal else { return nil }
      if op == "==" || op == "=" || op == "!=" {
        guard let pattern = pattern(of: words[2], nil, quiet: true) else { return nil }
        return compare(values[0], op, values[2], pattern: pattern)
      }
      // Inside [[ ]] the operands of -eq ... are arithmetic expressions (010 is octal 8,
      // 0x10 is 16, a name is a variable): only plain decimals are read as `test` reads them.
      if ["-eq", "-ne", "-lt", "-le", "-gt", "-ge"].contains(op), !values[0].isPlainDecimal || !values[2].isPlainDecimal { return nil }
      return compare(values[0], op, values[2], pattern: nil)
    default:
      return nil
    }
  }
}

extension ResolvedWord {
  /// A known decimal integer written without a leading zero (`String.isPlainDecimal`).
  var isPlainDecimal: Bool { literal?.isPlainDecimal ?? false }
}

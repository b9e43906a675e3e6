import Diagnostics

/// Walks a parsed script statically and produces an `Evaluation`.
///
/// The walk is an abstract interpretation: it tracks variable values as `ResolvedWord`s,
/// positional parameters and shell options along the paths of the script. Recursion
/// follows the syntax tree (bounded by `ShellScript.maximumNestingDepth`) plus inlined
/// function calls, which are bounded by `maximumCallDepth`, `maximumWalkDepth` and
/// `inlineBudget`, so any input finishes quickly without exhausting the stack.
final class Evaluator {
  static let maximumCallDepth = 16
  static let maximumWalkDepth = 300
  static let inlineBudget = 200_000
  static let maximumAlternatives = 16
  /// Alternatives nested deeper than this, and values larger than the limits below, are
  /// replaced by an unknown value: a script that doubles a string in a loop or merges
  /// thousands of branches cannot exhaust memory or recursion.
  static let maximumNesting = 6
  static let maximumValueBytes = 64 * 1024
  /// The most positional parameters the walk keeps (`set --`, a function's arguments);
  /// past it `$@`, `$#` and `$1`... are unknown. `set -- "$@" "$@"` doubles them: 40 such
  /// lines (16 KB) had run past a minute and 8 GB.
  static let maximumPositionalParameters = 10_000
  /// The most known text one word is built with (1 MiB; see `resolve(_:_:quiet:)`).
  static let maximumWordBytes = 1024 * 1024
  static let maximumValuePieces = 256
  /// The most word readings the walk makes inside inlined function calls (each word it
  /// records, `resolveRecorded`: a command's words, assignment values, a `for` list,
  /// `case` words; and each `[[ ]]` operand); past it, like past `inlineBudget`
  /// records, further calls are not inlined (the walk is truncated). A function of 100,000
  /// words called 1,000 times had taken 46 s and 5.4 GiB before it aborted.
  static let inlineWordBudget = 400_000
  /// Known text (UTF-8 bytes) built by the words the walk records (`resolveRecorded`, and
  /// declaration operands `name=value`): past it, a value of more than `largeValueBytes`
  /// is recorded as unknown. A word that only names a variable (`"$B"`) shares its text
  /// and does not count. Without the bound, 5,000 lines `xN="x$B"` with a 64 KiB `B` (a
  /// 76 KB script) kept 666 MiB, as each line builds its value anew.
  static let recordedTextBudget = 16 * 1024 * 1024
  static let largeValueBytes = 256
  /// The most statement records one walk can make: 200,000 commands (the parse's limit)
  /// and `inlineBudget` inlined records. Walks that share a run share it
  /// (`share(_:walks:)`).
  static let walkRecordBudget = 400_000
  /// The most enclosing constructs the records made inside inlined calls may keep in all:
  /// each record keeps its context's frames (the calls, pipelines, substitutions and
  /// conditions around it, about 90 bytes each, new for every call), so this bounds what
  /// deep records cost where `inlineBudget` bounds how many there are; past it, like past
  /// `inlineBudget`, further calls are not inlined (the walk is truncated). Walks that
  /// share a run share it. (A 1.5 KB script calling 3^15 times into a 20-member pipeline
  /// of nested `$( )`, about 25 frames a record, had reached 1.4 GB.)
  static let inlineFrameBudget = 1_000_000

  /// One walk's part of `budget` when `walks` walks of the same run (one per config env)
  /// share it: all of it for one or two walks, and from three on the amount two walks
  /// would get, divided equally, so a run of 64 envs records and computes at most what a
  /// run of two does. (A 50,000-line script walked for 64 envs kept 4.4 GB.) The same for
  /// every walk, so verdicts do not depend on which env's thread ran first.
  static func share(_ budget: Int, walks: Int) -> Int {
    walks <= 2 ? budget : budget * 2 / walks
  }

  let order: Evaluation.Order
  let environment: Environment
  let functions: [String: FunctionDefinition]
  var defined: [String: FunctionDefinition] = [:]
  var state: ExecutionState
  var commands: [CommandInvocation] = []
  var records: [StatementRecord] = []
  var wordValues: [Int: ResolvedWord] = [:]
  /// Previous values of variables assigned inside open scopes, newest last.
  var undoLog: [(name: String, previous: Binding?)] = []
  var openScopes = 0
  var localFrames: [[String: Binding?]] = []
  var inlinedRecords = 0
  /// Frames kept by the records made inside inlined calls (see `inlineFrameBudget`).
  var inlinedFrames = 0
  /// Word readings inside inlined calls (see `inlineWordBudget`).
  var inlinedWords = 0
  /// Known text of the values recorded so far (see `recordedTextBudget`).
  var recordedText = 0
  /// This walk's bound on `recordedText` (`recordedTextBudget`, or its share).
  var recordedTextLimit = Evaluator.recordedTextBudget
  /// The most statement records this walk makes (its share of `walkRecordBudget` when it
  /// shares a run); past it the walk stops and is truncated.
  var recordLimit = Int.max
  var truncated = false
  /// The first call site not inlined because of a limit.
  var truncatedAt: SourceLocation?
  var walkDepth = 0
  /// Function calls, loops and subshells being walked, innermost last.
  var jumpTargets: [JumpTarget] = []
  /// The status of the latest call at each call site (keyed like `wordValues`) when all
  /// the paths through the function `return` and agree on it (what conditions on the call
  /// are decided by); false for a builtin that failed writing a readonly variable.
  var callStatuses: [Int: Bool] = [:]
  /// Call sites whose latest call certainly returned non-zero: every path agrees, the one
  /// that falls off the body's end with its last command's status (what `set -e` reads).
  var failingCalls: Set<Int> = []
  /// The status of the latest run of each and-or list and subshell (keyed by its
  /// location), when the walk knows it: what a function ending in one returns, and what
  /// `set -e` reads after `( ... )` (see `finalStatus`).
  var listStatuses: [Int: Bool] = [:]
  /// How many command substitutions the walk has followed, and the status of the latest
  /// to finish (nil: not known); how many it skipped though they may run. What an
  /// assignment-only command returns is read from them (`assignmentStatus`).
  var substitutionRuns = 0
  var latestSubstitutionStatus: Bool?
  /// Above 0 while an assignment-only command is expanded: only then is a substitution's
  /// status worked out.
  var readsSubstitutionStatus = 0
  var unseenSubstitutions = 0
  /// The status of the latest run of each assignment-only command (keyed by its
  /// location), when known.
  var assignmentStatuses: [Int: Bool?] = [:]
  /// Above 0 while the walk expands words bash may not expand, or expands without ending
  /// the shell for an unset parameter (see `readUnset`).
  var nounsetExemptions = 0
  /// Why a path ended at each location where it ended for a `StopCause`.
  var stopCauses: [Int: StopCause] = [:]
  /// Redirections of `exec` without a command in the main shell (`exec >log 2>&1`): they
  /// apply to every later command.
  var execRedirections: [Redirection] = []
  /// Variables given the integer attribute (`declare -i`) anywhere on the walk so far:
  /// a value assigned to one is an arithmetic expression (see `evaluateArithmetic`).
  var integerVariables: Set<String> = []
  /// Name references (`declare -n r=X`) made anywhere on the walk so far, with the
  /// variables they may refer to, and those whose target is only known at run time (see
  /// `noteNameReferences`).
  var referenceTargets: [String: Set<String>] = [:]
  var unknownReferences: Set<String> = []
  /// Whether each trap action read so far may change command lookup (see
  /// `trapActionMayShadow`).
  var trapActions: [String: Bool] = [:]
  static let maximumTrapActions = 16
  /// Scalars of values read by arithmetic evaluations so far (see `arithmeticWalkLimit`).
  var arithmeticWork = 0
  /// Steps the walk's string operations may still take (see `textWorkLimit`).
  var textWorkLeft = Evaluator.textWorkLimit
  /// How many inlined records this walk may make (`inlineBudget`, less for the walk of a
  /// trap's action).
  var inlineLimit = Evaluator.inlineBudget
  /// How many word readings inside inlined calls this walk may make (`inlineWordBudget`,
  /// less for the walk of a trap's action).
  var inlineWordLimit = Evaluator.inlineWordBudget
  /// How many frames the records inside inlined calls may keep (`inlineFrameBudget`, or
  /// its share; less for the walk of a trap's action).
  var inlineFrameLimit = Evaluator.inlineFrameBudget
  /// True for the walk of a trap's action: a trap set inside it is not read again.
  var readsTrapAction = false

  init(order: Evaluation.Order, environment: Environment, functions: [String: FunctionDefinition], state: ExecutionState) {
    self.order = order
    self.environment = environment
    self.functions = functions
    self.state = state
  }

  static func run(
    statements: [Statement], functions: [FunctionDefinition], shebang: Shebang?, file: String, environment: Environment,
    order: Evaluation.Order, configure: (Evaluator) -> Void = { _ in }
  ) -> Evaluation {
    var table: [String: FunctionDefinition] = [:]
    for definition in functions { table[definition.name] = definition }
    var initial = ExecutionState()
    initial.positional = environment.arguments.map { $0.map(ResolvedWord.init(literal:)) }
    if let shebang, !shebang.options.isEmpty {
      initial.options.applySet(shebang.options, at: shebang.location)
      if Evaluator.setsNoexec(shebang.options) { initial.shadowing.append(CommandShadowing(.noexec, at: shebang.location)) }
    }
    let evaluator = Evaluator(order: order, environment: environment, functions: table, state: initial)
    configure(evaluator)
    evaluator.walkList(statements, WalkContext())
    var exitLocation: SourceLocation?
    var endlessLoopLocation: SourceLocation?
    switch evaluator.state.termination {
    case .exit(let location): exitLocation = location
    case .endless(let location): endlessLoopLocation = location
    default: break
    }
    var evaluation = Evaluation(
      order: order, environment: environment, commands: evaluator.commands, statements: evaluator.records,
      isTruncated: evaluator.truncated, exitLocation: exitLocation, wordValues: evaluator.wordValues,
      finalState: evaluator.state, functionTable: table)
    evaluation.truncationLocation = evaluator.truncatedAt
    evaluation.endlessLoopLocation = endlessLoopLocation
    evaluation.stopCause = exitLocation.flatMap { evaluator.stopCauses[Self.key($0)] }
    return evaluation
  }

  // MARK: - Recording

  func errexitStatus(_ context: WalkContext) -> ErrexitStatus {
    var ignored = context.errexitIgnoredBy
    if ignored == nil, let substitution = context.substitution, !state.options.inheritErrexit.isEnabled {
      ignored = substitution
    }
    return ErrexitStatus(option: state.options.errexit, ignoredBy: ignored)
  }

  func record(_ statement: Statement, next: Statement?, _ context: WalkContext) {
    records.append(
      StatementRecord(
        statement: statement, next: next, context: CommandContext(frames: context.frames, anchors: context.anchors), errexit: errexitStatus(context),
        options: state.options, callStack: context.callStack, order: records.count))
    if !context.callStack.isEmpty {
      inlinedRecords += 1
      inlinedFrames += context.frames.count
    }
  }

  func recordCommand(
    kind: CommandInvocation.Kind, words: [Word], resolved: [ResolvedWord], commandIndex: Int, assignments: [Assignment],
    redirections: [Redirection], statement: Statement, calledFunction: String?, shadowing: [CommandShadowing] = [], _ context: WalkContext
  ) {
    commands.append(
      CommandInvocation(
        kind: kind, words: words, resolvedWords: resolved, commandIndex: commandIndex, assignments: assignments,
        redirections: redirections, location: words[commandIndex].location, statementLocation: statement.location,
        context: CommandContext(frames: context.frames, anchors: context.anchors), errexit: errexitStatus(context), options: state.options,
        callStack: context.callStack, calledFunction: calledFunction, order: commands.count,
        inheritedRedirections: execRedirections + context.redirections, shadowing: shadowing))
    if !context.callStack.isEmpty { inlinedRecords += 1 }
  }

  // MARK: - Paths

  /// A point the walk can return to: variables are restored from the undo log, the rest
  /// from the saved copies.
  struct Scope {
    let mark: Int
    let positional: [ResolvedWord]?
    let options: ShellOptions
    let shadowing: [CommandShadowing]
    let readonlyNames: Set<String>
    let termination: Termination?
  }

  /// How a path ended: the variables it changed (their values at its end; nil = removed),
  /// positional parameters, options, and whether it stopped early.
  struct Outcome {
    var changes: [String: Binding?]
    var positional: [ResolvedWord]?
    var options: ShellOptions
    var shadowing: [CommandShadowing]
    var readonlyNames: Set<String>
    var termination: Termination?
  }

  func beginScope() -> Scope {
    openScopes += 1
    return Scope(
      mark: undoLog.count, positional: state.positional, options: state.options, shadowing: state.shadowing, readonlyNames: state.readonlyNames,
      termination: state.termination)
  }

  /// Returns to `scope`, reporting what the path changed when `capture` is set.
  @discardableResult
  func endScope(_ scope: Scope, capture: Bool = false) -> Outcome {
    var outcome = capture ? snapshot(since: scope.mark) : unchanged
    outcome.termination = state.termination
    while undoLog.count > scope.mark {
      let entry = undoLog.removeLast()
      state.variables[entry.name] = entry.previous
    }
    state.positional = scope.positional
    state.options = scope.options
    state.shadowing = scope.shadowing
    state.readonlyNames = scope.readonlyNames
    state.termination = scope.termination
    openScopes -= 1
    return outcome
  }

  /// The current path as an outcome that changed nothing.
  var unchanged: Outcome {
    Outcome(
      changes: [:], positional: state.positional, options: state.options, shadowing: state.shadowing, readonlyNames: state.readonlyNames,
      termination: state.termination)
  }

  /// Runs `body` from the current state and returns how it ended; the current state is
  /// left as it was.
  func runBranch(_ body: () -> Void) -> Outcome {
    let scope = beginScope()
    body()
    return endScope(scope, capture: true)
  }

  /// Runs `body` in a subshell: nothing it changes survives (3.7.3 "Command Execution
  /// Environment"), and `exit`, `return`, `break` and `continue` in it end only the
  /// subshell.
  ///
  /// Returns the subshell's exit status when every path through it agrees on it (true =
  /// 0): where a path reaches the end, the status of `last`, the statement that ran last
  /// (`finalStatus`; an empty body gives 0); where one ended earlier, the status of its
  /// `exit N`, `return N` or `set -e` stop (see `exitPath`). Nil when they disagree or one
  /// is not known.
  @discardableResult
  func inSubshell(finishingWith last: Statement? = nil, _ body: () -> Void) -> Bool? {
    let scope = beginScope()
    jumpTargets.append(JumpTarget(kind: .subshell, mark: scope.mark))
    body()
    var statuses = jumpTargets.removeLast().exitStatuses
    switch state.termination {
    case nil: statuses.append(last.map(finalStatus) ?? true)
    case .exit, .return, .endless: break
    case .break, .continue: statuses.append(nil)
    }
    endScope(scope)
    guard let first = statuses.first else { return nil }
    return statuses.allSatisfy { $0 == first } ? first : nil
  }

  /// Ends the current path with `exit` at `location`, giving `status` (true = 0, nil: not
  /// known): it ends the script, or the innermost subshell being walked, whose exit
  /// status it then is (see `inSubshell`).
  func exitPath(at location: SourceLocation, status: Bool?) {
    state.termination = .exit(location)
    if let index = jumpTargets.lastIndex(where: { $0.kind == .subshell }) { jumpTargets[index].exitStatuses.append(status) }
  }

  /// Joins paths into the current state: variables they disagree on become alternatives.
  /// Paths that ended (`exit`, `return`, `break`, `continue`) do not reach the join; when
  /// all of them ended, the current path ends too. (A path that jumped was saved with its
  /// target, where it joins again: see `JumpTarget`.)
  func merge(_ outcomes: [Outcome]) {
    let live = outcomes.filter { $0.termination == nil }
    guard live.count > 1 else {
      if let only = live.first ?? outcomes.first { apply(only) }
      return
    }
    var keys: [String] = []
    var seen = Set<String>()
    for outcome in live { for key in outcome.changes.keys where seen.insert(key).inserted { keys.append(key) } }
    for key in keys.sorted() {
      let base = state.variables[key]
      let bindings = live.map { outcome -> Binding in
        let value: Binding? = outcome.changes.index(forKey: key).map { outcome.changes[$0].value } ?? base
        return value ?? initialBinding(key)
      }
      if bindings.allSatisfy({ $0 == bindings[0] }) {
        if base != bindings[0] { assign(key, bindings[0]) }
      } else {
        assign(key, .scalar(alternatives(key, bindings.map(Self.value(of:)))))
      }
    }
    let positionals = live.map(\.positional)
    state.positional = positionals.allSatisfy({ $0 == positionals[0] }) ? positionals[0] : nil
    state.options = ShellOptions.merge(live.map(\.options))
    // A construct on any path that reaches here may be in effect after it.
    var shadowing: [CommandShadowing] = []
    for outcome in live { for construct in outcome.shadowing where !shadowing.contains(construct) { shadowing.append(construct) } }
    state.shadowing = shadowing
    // Readonly where every path made it so.
    var readonlyNames = live[0].readonlyNames
    for outcome in live.dropFirst() where outcome.readonlyNames != readonlyNames { readonlyNames.formIntersection(outcome.readonlyNames) }
    state.readonlyNames = readonlyNames
    state.termination = nil
  }

  private func apply(_ outcome: Outcome) {
    for (key, value) in outcome.changes { assign(key, value) }
    state.positional = outcome.positional
    state.options = outcome.options
    state.shadowing = outcome.shadowing
    state.readonlyNames = outcome.readonlyNames
    state.termination = outcome.termination
  }

  static func value(of binding: Binding) -> ResolvedWord {
    switch binding {
    case .scalar(let value): return value
    case .array(let values): return join(values)
    case .unset: return .empty
    }
  }

  static func join(_ values: [ResolvedWord], separator: String = " ") -> ResolvedWord {
    var pieces: [ResolvedWord.Piece] = []
    for (position, value) in values.enumerated() {
      if position > 0, !separator.isEmpty { pieces.append(.literal(separator)) }
      pieces += value.pieces
    }
    return ResolvedWord(pieces: pieces)
  }

  /// One value standing for several: a `.alternatives` symbol (flattened, deduplicated);
  /// a single distinct value stands for itself.
  func alternatives(_ name: String, _ values: [ResolvedWord], expression: String? = nil) -> ResolvedWord {
    var options: [ResolvedWord] = []
    let unknown = { ResolvedWord(symbol: Symbol(kind: .parameter(name), expression: expression ?? "$" + name, variable: name)) }
    for value in values {
      if value.pieces.count == 1, case .symbol(let symbol) = value.pieces[0], case .alternatives(let inner) = symbol.kind {
        for option in inner where !options.contains(option) { options.append(option) }
      } else if !options.contains(value) {
        options.append(value)
      }
      // Past the limit the answer is known: stop (comparing each of 40,000 loop words with
      // all the distinct ones before it took 31 s).
      if options.count > Self.maximumAlternatives { return unknown() }
    }
    if options.count == 1 { return options[0] }
    guard options.allSatisfy({ $0.nesting < Self.maximumNesting }) else { return unknown() }
    return ResolvedWord(symbol: Symbol(kind: .alternatives(options), expression: expression ?? "$" + name, variable: name))
  }

  /// `value`, or an unknown value when it is too large or nests too deeply to track.
  func bounded(_ value: ResolvedWord, _ name: String) -> ResolvedWord {
    let size = value.size
    guard size.bytes > Self.maximumValueBytes || size.pieces > Self.maximumValuePieces || value.nesting > Self.maximumNesting else {
      return value
    }
    return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "$" + name, variable: name))
  }

  func initialBinding(_ name: String) -> Binding {
    // Bash sets IFS at startup whatever the environment holds.
    if name == "IFS" { return .scalar(ResolvedWord(literal: Self.defaultIFS)) }
    if let value = environment.variables[name] { return .scalar(ResolvedWord(literal: value)) }
    if environment.unlistedVariablesAreUnset, !Self.setAtStartup.contains(name) { return .unset }
    return .scalar(ResolvedWord(symbol: Symbol(kind: .parameter(name), expression: "$" + name)))
  }

  /// Variables every run of the script has, whatever the caller's environment lists:
  /// those bash sets itself (Bash Reference Manual, 5.2 "Bash Variables": `BASH_VERSION`,
  /// `LINENO`, `SECONDS`, ...; bash also gives `PATH` a default), and `HOME`, which every
  /// login and CI runner sets. Their values are unknown, never unset: a guard such as
  /// `[[ -z ${BASH_VERSION:-} ]] && exit 1` does not end the walk.
  static let setAtStartup: Set<String> = [
    "BASH", "BASHOPTS", "BASHPID", "BASH_ARGV0", "BASH_COMMAND", "BASH_LINENO", "BASH_SOURCE", "BASH_SUBSHELL",
    "BASH_VERSINFO", "BASH_VERSION", "DIRSTACK", "EPOCHREALTIME", "EPOCHSECONDS", "EUID", "FUNCNAME", "GROUPS", "HISTCMD",
    "HOSTNAME", "HOSTTYPE", "LINENO", "MACHTYPE", "OPTERR", "OPTIND", "OSTYPE", "PIPESTATUS", "PPID", "PS4", "PWD",
    "RANDOM", "SECONDS", "SHELLOPTS", "SHLVL", "SRANDOM", "UID", "PATH", "HOME",
    // Also set by bash at startup (`env -i bash -c set`), or by the builtins that set
    // them (`getopts`, `[[ =~ ]]`, `cd`), or by checkwinsize.
    "BASH_ALIASES", "BASH_ARGC", "BASH_ARGV", "BASH_CMDS", "BASH_LOADABLES_PATH", "SHELL", "TERM", "OPTARG", "BASH_REMATCH",
    "OLDPWD", "COLUMNS", "LINES",
  ]

  /// Sets a variable (nil: back to what the environment gives), logging the previous
  /// value while a scope is open.
  func assign(_ name: String, _ binding: Binding?) {
    if openScopes > 0 { undoLog.append((name, state.variables[name])) }
    state.variables[name] = binding
  }

  // MARK: - Statements

  func walkList(_ list: [Statement], _ context: WalkContext) {
    for (position, statement) in list.enumerated() {
      if order == .execution, state.termination != nil { return }
      walk(statement, next: position + 1 < list.count ? list[position + 1] : nil, context)
    }
  }

  func walk(_ statement: Statement, next: Statement?, _ outer: WalkContext) {
    guard records.count < recordLimit else {
      truncated = true
      if truncatedAt == nil { truncatedAt = statement.location }
      return
    }
    var context = outer
    if statement.isBackgrounded { context = context.adding(.background, ignoresErrexit: true, anchor: statement.location) }
    record(statement, next: next, context)
    walkDepth += 1
    defer { walkDepth -= 1 }
    if statement.isBackgrounded {
      inSubshell { walkKind(statement, context) }
    } else {
      walkKind(statement, context)
    }
  }

  private func walkKind(_ statement: Statement, _ outer: WalkContext) {
    for redirection in statement.redirections { resolveRedirection(redirection, outer) }
    let context = statement.simpleCommand == nil ? outer.redirecting(statement.redirections) : outer
    switch statement.kind {
    case .simple(let command):
      walkSimple(command, statement, context)
    case .pipeline(let pipeline):
      let count = pipeline.commands.count
      var statuses: [Bool?] = []
      for (position, member) in pipeline.commands.enumerated() {
        let ignores = position < count - 1 && !state.options.pipefail.isEnabled
        statuses.append(
          inSubshell(finishingWith: member) {
            walk(member, next: nil, context.adding(.pipeline(position: position, count: count), ignoresErrexit: ignores, anchor: statement.location))
          })
      }
      // The members ran in subshells; the pipeline's own status is what set -e reads
      // (3.2.3 "Pipelines"): the last member's, or with pipefail the last (rightmost)
      // non-zero one, 0 when every member succeeds. The walk ends at the member whose
      // status it is. (`true | exit 1` fails: the `exit` ends its subshell with 1.)
      var status = statuses.last ?? nil
      var at = pipeline.commands.last?.location ?? statement.location
      if state.options.pipefail.isEnabled {
        if let failing = statuses.lastIndex(of: false) {
          status = false
          at = pipeline.commands[failing].location
        } else {
          status = statuses.allSatisfy { $0 == true } ? true : nil
        }
      }
      listStatuses[Self.key(statement.location)] = status
      stop(ifFailing: status == false && (Self.isConstantCondition(statement) || !Self.hidesAssignments(state.shadowing)), at: at, context)
    case .andOr(let list):
      walkAndOr(list, at: statement.location, context)
    case .negation(let inner):
      walk(inner, next: nil, context.adding(.negation, ignoresErrexit: true, anchor: statement.location))
    case .ifClause(let clause):
      walkIf(clause, context)
    case .loop(let loop):
      walkLoop(loop, statement.location, context)
    case .forClause(let clause):
      walkFor(clause, statement.location, context)
    case .caseClause(let clause):
      walkCase(clause, context)
    case .functionDefinition(let definition):
      defined[definition.name] = definition
      if order == .source {
        inSubshell {
          localFrames.append([:])
          walk(definition.body, next: nil, context.adding(.function(name: definition.name, call: nil)))
          localFrames.removeLast()
        }
      }
    case .braceGroup(let list):
      walkList(list, context.adding(.braceGroup(statement.location)))
    case .subshell(let list):
      let status = inSubshell(finishingWith: list.last) { walkList(list, context.adding(.subshell(statement.location))) }
      listStatuses[Self.key(statement.location)] = status
      // `( false && true )`: the subshell exits 1, and under `set -e` so does the script
      // (a brace group's status is not checked: `{ false && true; }` goes on).
      stop(ifFailing: status == false && !Self.hidesAssignments(state.shadowing), at: statement.location, context)
    case .arithmetic(let command):
      let word = Word(literal: command.expression, at: command.location)
      let name = Word(literal: "((", at: command.location)
      recordCommand(
        kind: .arithmetic, words: [name, word], resolved: [ResolvedWord(literal: "(("), ResolvedWord(literal: command.expression)],
        commandIndex: 0, assignments: [], redirections: statement.redirections, statement: statement, calledFunction: nil, context)
      checkArithmeticNounset([command.expression], at: command.location)
      if state.termination != nil { return }
      // Decided before the expression's own assignments: `((n++))` fails when n was 0.
      let fails = certainlyFails(statement)
      if ArithmeticText.assignedVariables(command.expression).contains(where: isReadonly), case .readonly(let name) = arithmeticResult([command.expression]),
        assignReadonly(name, at: command.location, abandonsCommand: false, context)
      {
        return
      }
      evaluateArithmetic(command.expression, at: command.location)
      stop(ifFailing: fails, at: command.location, context)
    case .coprocess(let coprocess):
      walkCoprocess(coprocess, statement.location, context)
    case .conditional(let command):
      // Words after the first `&&` or `||` may be skipped (see `readUnset`).
      var resolved: [ResolvedWord] = []
      var exempt = false
      for word in command.words {
        if !exempt, word.isUnquoted("&&") || word.isUnquoted("||") {
          exempt = true
          nounsetExemptions += 1
        }
        resolved.append(resolveRecorded(word, context))
      }
      if exempt { nounsetExemptions -= 1 }
      if order == .execution, state.termination != nil { return }
      evaluateConditionalArithmetic(command.words, resolved, at: command.location)
      let name = Word(literal: "[[", at: command.location)
      recordCommand(
        kind: .conditional, words: [name] + command.words, resolved: [ResolvedWord(literal: "[[")] + resolved, commandIndex: 0,
        assignments: [], redirections: statement.redirections, statement: statement, calledFunction: nil, context)
      stopIfCertainlyFailing(statement, at: command.location, context)
    }
  }

  /// `coproc [NAME] command`: the command runs asynchronously in a subshell, as with `&`
  /// (its failure never stops the script); NAME (default `COPROC`) and `NAME_PID` get
  /// values only known at run time. A NAME only known at run time may be any variable
  /// (`.computedName`).
  private func walkCoprocess(_ coprocess: Coprocess, _ location: SourceLocation, _ context: WalkContext) {
    var name: String? = "COPROC"
    if let word = coprocess.name {
      name = resolveRecorded(word, context).literal.flatMap { Lexical.isName($0) ? $0 : nil }
      if name == nil { addShadowing(.computedName, at: word.location) }
    }
    inSubshell { walk(coprocess.command, next: nil, context.adding(.background, ignoresErrexit: true, anchor: location)) }
    guard let name else { return }
    for variable in [name, name + "_PID"] {
      noteLookupVariable(variable, at: location)
      noteReferenceWrite(variable, at: location)
      assign(variable, .scalar(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "$" + variable, variable: variable, location: location))))
    }
  }

  private func walkAndOr(_ list: AndOrList, at location: SourceLocation, _ context: WalkContext) {
    let count = list.items.count
    var lastStatus: Bool?
    for (position, item) in list.items.enumerated() {
      let op = position > 0 ? list.operators[position - 1] : nil
      let itemContext = context.adding(.andOrList(position: position, count: count, operator: op), ignoresErrexit: position < count - 1, anchor: location)
      if position == 0 {
        walk(item, next: nil, itemContext)
        lastStatus = decide(item)
        continue
      }
      if order == .execution, state.termination != nil { return }
      switch lastStatus.map({ op == .and ? $0 : !$0 }) {
      case true?:
        walk(item, next: nil, itemContext)
        lastStatus = decide(item)
      case false?:
        continue
      case nil:
        let branch = runBranch { walk(item, next: nil, itemContext) }
        merge([unchanged, branch])
        lastStatus = nil
      }
    }
    listStatuses[Self.key(location)] = lastStatus
  }

  private func walkIf(_ clause: IfClause, _ context: WalkContext) {
    var outcomes: [Outcome] = []
    var settled = false
    for branch in clause.branches {
      walkList(branch.condition, context.adding(.ifCondition(branch.location), ignoresErrexit: true))
      if order == .execution, state.termination != nil {
        outcomes.append(unchanged)
        settled = true
        break
      }
      let decision = branch.condition.last.flatMap(decide)
      if decision == false { continue }
      let bodyContext = context.adding(.thenBranch(branch.location))
      outcomes.append(runBranch { walkList(branch.body, bodyContext) })
      if decision == true {
        settled = true
        break
      }
    }
    if !settled {
      if let elseBody = clause.elseBody {
        let elseContext = context.adding(.elseBranch(clause.elseLocation ?? clause.branches[0].location))
        outcomes.append(runBranch { walkList(elseBody, elseContext) })
      } else {
        outcomes.append(unchanged)
      }
    }
    merge(outcomes)
  }

  /// `while`/`until`: the condition once, then the body once from there. A condition
  /// known to stop the loop skips the body; one known to keep it going, and to decide the
  /// same after the body (`conditionHolds`), means only `break` leaves the loop.
  private func walkLoop(_ loop: LoopClause, _ location: SourceLocation, _ context: WalkContext) {
    walkList(loop.condition, context.adding(.loopCondition(loop.kind, location), ignoresErrexit: true))
    if order == .execution, state.termination != nil { return }
    let keepsRunning = loop.condition.last.flatMap(decide).map { loop.kind == .while ? $0 : !$0 }
    if keepsRunning == false { return }
    let entry = unchanged
    let run = runTarget(.loop) { walkList(loop.body, context.adding(.loopBody(loop.kind, location))) }
    // Endless only when the condition decides the same on the next run (`while true`, or
    // `while [ "$n" -gt 0 ]` with a body that never assigns n).
    let endless = keepsRunning == true && loop.condition.last.map { conditionHolds($0, over: [run.fallThrough] + run.target.continuing) } == true
    // A condition that holds on entry runs the body at least once: `i=0; while ((i < 3));
    // do ((i++)); done` under set -e stops in the body (bash 5.2).
    mergeLoop(run, entry: keepsRunning == true ? nil : entry, keepsRunning: endless, at: location)
  }

  private func walkFor(_ clause: ForClause, _ location: SourceLocation, _ context: WalkContext) {
    let bodyContext = context.adding(.loopBody(nil, location))
    switch clause.header {
    case .arithmetic(let expression):
      // `for ((init; condition; step))`: the condition (1 when empty) read after init
      // decides whether the body runs a first time.
      let parts = ForClause.arithmeticParts(expression)
      if let parts { checkArithmeticNounset([parts.initial, parts.condition], at: location) }
      if state.termination != nil { return }
      let entersBody = parts.map { arithmeticStatus(of: [$0.initial, $0.condition.isEmpty ? "1" : $0.condition]) } ?? nil
      evaluateArithmetic(expression, at: location)
      if entersBody == false { return }
      let entry = unchanged
      let run = runTarget(.loop) { walkList(clause.body, bodyContext) }
      mergeLoop(run, entry: entersBody == true ? nil : entry, keepsRunning: false, at: location)
    case .words(let variable, let words):
      var values: [ResolvedWord] = []
      if let words {
        for word in words { values += listFields(word, context) }
        if order == .execution, state.termination != nil { return }
      } else if let positional = state.positional {
        values = positional
      } else {
        values = [ResolvedWord(symbol: Symbol(kind: .parameter("@"), expression: "$@"))]
      }
      let loopValue = values.isEmpty ? ResolvedWord.empty : alternatives(variable, values)
      let runsAtLeastOnce = words != nil && !values.isEmpty && values.allSatisfy(\.isLiteral)
      let readonly = isReadonly(variable)
      // `for r in a` with r readonly fails before the body runs, or exits under set -e.
      if readonly, runsAtLeastOnce {
        assignReadonly(variable, at: location, abandonsCommand: false, context)
        return
      }
      let entry = unchanged
      noteLookupVariable(variable, at: location)
      noteReferenceWrite(variable, at: location)
      let run = runTarget(.loop) {
        if !readonly { assign(variable, .scalar(loopValue)) }
        walkList(clause.body, bodyContext)
      }
      mergeLoop(run, entry: runsAtLeastOnce ? nil : entry, keepsRunning: false, at: location)
    }
  }

  /// The fields an unquoted expansion with a known value splits into (3.5.7 "Word
  /// Splitting") with the IFS in effect; other words stay one field. While IFS is not
  /// known, such a word is one unknown field.
  func fields(of word: Word, _ value: ResolvedWord) -> [ResolvedWord] {
    guard Self.dependsOnIFS(word) else { return [value] }
    guard let separators = fieldSeparators else {
      return [ResolvedWord(symbol: Symbol(kind: .unsupported, expression: word.text, location: word.location))]
    }
    guard let literal = value.literal else { return [value] }
    // Counted against the walk's string steps (`textWorkLimit`): the text once, and each
    // field as 32 (a field is a value of its own): 1,000 `for w in $B` over 32,000 words
    // took 18 s. Past them the word is one unknown value.
    func unknown() -> [ResolvedWord] { [ResolvedWord(symbol: Symbol(kind: .unsupported, expression: word.text, location: word.location))] }
    guard spendTextWork(literal.utf8.count) else { return unknown() }
    let fields = Self.split(literal, at: separators)
    guard spendTextWork(32 * fields.count) else { return unknown() }
    return fields.map { ResolvedWord(literal: $0) }
  }

  private func walkCase(_ clause: CaseClause, _ context: WalkContext) {
    let subject = resolveRecorded(clause.subject, context)
    if order == .execution, state.termination != nil { return }
    // Bash expands patterns only until one matches.
    let patterns = exemptingNounset { clause.items.map { item in item.patterns.map { pattern(of: $0, context) } } }
    func itemContext(_ item: CaseClause.Item) -> WalkContext {
      context.adding(.caseItem(patterns: item.patterns.map(\.text), item.location))
    }
    func firstMatch(from start: Int, _ text: String) -> Int?? {
      for position in start..<clause.items.count {
        for candidate in patterns[position] {
          guard let candidate, let matched = candidate.matches(text, budget: &textWorkLeft) else { return .none }
          if matched { return .some(position) }
        }
      }
      return .some(nil)
    }
    if order == .execution, let text = subject.literal, case .some(let decided) = firstMatch(from: 0, text) {
      guard let start = decided else { return }
      let flow = runBranch {
        var position: Int? = start
        while let current = position, current < clause.items.count {
          let item = clause.items[current]
          walkList(item.body, itemContext(item))
          switch item.terminator {
          case .fallThrough:
            position = current + 1
          case .continueMatching:
            if current + 1 < clause.items.count, case .some(let next) = firstMatch(from: current + 1, text) {
              position = next
            } else {
              position = nil
            }
          case .break, .none:
            position = nil
          }
        }
      }
      merge([flow])
      return
    }
    var outcomes: [Outcome] = []
    for item in clause.items {
      outcomes.append(runBranch { walkList(item.body, itemContext(item)) })
    }
    let hasCatchAll = clause.items.contains { $0.patterns.contains { $0.isUnquoted("*") } }
    if !hasCatchAll { outcomes.append(unchanged) }
    merge(outcomes)
  }

  // MARK: - Simple commands

  private func walkSimple(_ command: SimpleCommand, _ statement: Statement, _ context: WalkContext) {
    let declaration = command.words.first?.literalValue.flatMap { SimpleCommand.declarationBuiltins.contains($0) ? $0 : nil }
    var resolved: [ResolvedWord] = []
    resolved.reserveCapacity(command.words.count)
    var declarations: [(Assignment, Binding)] = []
    for (position, word) in command.words.enumerated() {
      if position > 0, declaration != nil, let assignment = Assignment(declarationArgument: word) {
        let value = assignmentValue(assignment, context)
        resolved.append(declarationOperand(assignment, value, word))
        declarations.append((assignment, value))
      } else {
        resolved.append(resolveRecorded(word, context))
      }
    }
    if command.words.isEmpty {
      let status = assignmentStatus(of: command.assignments) {
        for assignment in command.assignments {
          let value = assignmentValue(assignment, context)
          // `r=2` with r readonly abandons the command (see `assignReadonly`).
          if isReadonly(assignment.name) {
            assignReadonly(assignment.name, at: assignment.location, abandonsCommand: true, context)
            break
          }
          perform(assignment, value, declaration: nil)
        }
      }
      assignmentStatuses[Self.key(statement.location)] = .some(status)
      for redirection in command.redirections { resolveRedirection(redirection, context) }
      // `X=$(false)` fails as its last substitution fails; `local X=$(false)` and the other
      // declaration builtins return their own status.
      stop(ifFailing: status == false && !Self.hidesAssignments(state.shadowing), at: statement.location, context)
      return
    }
    for assignment in command.assignments { _ = assignmentValue(assignment, context) }
    for redirection in command.redirections { resolveRedirection(redirection, context) }
    // An expansion that ended the shell (`${X:?}`, an unset `$X` under set -u): the command never runs.
    if order == .execution, state.termination != nil { return }
    let boundaries = CommandInvocation.wrapperBoundaries(resolved.map(\.literal))
    let commandIndex = boundaries.last ?? 0
    let name = resolved[commandIndex].literal.map { literal in
      // Without a slash the split below would give the name itself (it builds an array).
      literal.utf8.contains(UInt8(ascii: "/")) ? literal.split(separator: "/").last.map(String.init) ?? literal : literal
    }
    // Bash looks a name up as a function only where it is the command's first word (after
    // the `time` reserved word), by the name as written: `command`, `builtin`, `exec`,
    // `env`, `timeout`, `sudo`, `nice` and `nohup` run the program or builtin they name,
    // never a function (https://www.gnu.org/software/bash/manual/html_node/Command-Search-and-Execution.html).
    var lookupIndex = 0
    for boundary in boundaries where resolved[lookupIndex].literal == "time" { lookupIndex = boundary }
    let definition = resolved[lookupIndex].literal.flatMap { defined[$0] ?? functions[$0] }
    let callIndex = definition == nil ? commandIndex : lookupIndex
    callStatuses[Self.key(command.words[callIndex].location)] = nil
    failingCalls.remove(Self.key(command.words[callIndex].location))
    // `r=2 cmd` with r readonly: under set -e bash exits before running cmd.
    if let readonly = command.assignments.first(where: { isReadonly($0.name) }),
      assignReadonly(readonly.name, at: readonly.location, abandonsCommand: false, context)
    {
      return
    }
    recordCommand(
      kind: .simple, words: command.words, resolved: resolved, commandIndex: commandIndex, assignments: command.assignments,
      redirections: command.redirections, statement: statement, calledFunction: definition?.name,
      shadowing: shadowing(resolved, words: command.words, commandIndex: commandIndex, lookupIndex: lookupIndex, function: definition, assignments: command.assignments),
      context)
    let arguments = Array(resolved[(callIndex + 1)...])
    let location = command.words[callIndex].location
    // `let n++` is decided before it assigns (its status is the old value's).
    let letFails = definition == nil && name == "let" && certainlyFails(statement)
    if let definition {
      let fields = callArguments(Array(command.words[(callIndex + 1)...]), arguments)
      call(definition, arguments: fields, at: location, context.redirecting(command.redirections))
    } else if let name {
      if name == "let", arguments.allSatisfy({ $0.literal != nil }) {
        checkArithmeticNounset(arguments.compactMap(\.literal), at: location)
        if state.termination != nil { return }
      }
      // A builtin reads its fields: `"$@"` is one per positional parameter (a wrapper
      // `read() { builtin read "$@"; }` called as `read -r x` reads x). When their number
      // is not known, each word counts as one.
      let fields = callArguments(Array(command.words[(callIndex + 1)...]), arguments) ?? arguments
      // Decided before the builtin runs: `readonly r=1` makes r readonly and succeeds.
      let writesVariables = Self.variableWritingBuiltins.contains(name)
      let readonlyWrite = writesVariables ? readonlyWrite(name, literals: fields.map(\.literal), declarations: declarations) : nil
      var readonlyLet: String?
      if name == "let", arguments.allSatisfy({ $0.literal != nil }),
        arguments.contains(where: { ArithmeticText.assignedVariables($0.literal ?? "").contains(where: isReadonly) }),
        case .readonly(let variable) = arithmeticResult(arguments.compactMap(\.literal))
      {
        readonlyLet = variable
      }
      applyLookupBuiltin(name, arguments: arguments, words: Array(command.words[(callIndex + 1)...]), at: location)
      applyBuiltin(name, arguments: fields, declarations: declarations, at: location, context)
      if writesVariables { noteReadonly(name, literals: fields.map(\.literal), declarations: declarations) }
      if let variable = readonlyWrite?.name ?? readonlyLet {
        if readonlyWrite?.kind != .fails, assignReadonly(variable, at: location, abandonsCommand: false, context) { return }
        if commandIndex == 0 { callStatuses[Self.key(command.words[0].location)] = false }
        stop(ifFailing: true, at: location, context)
      }
    }
    if commandIndex > 0, resolved[0].literal == "exec", order == .execution {
      // `exec false` exits with false's status.
      exitPath(at: command.words[0].location, status: decide(statement) == false ? false : nil)
    }
    if definition == nil {
      stop(ifFailing: name == "let" ? letFails : certainlyFails(statement), at: location, context)
    } else {
      // A function that falls off its end returns its last command's status:
      // `check() { [ "$ENV" = prod ] && echo prod; }` returns 1 outside prod, and the
      // call ends the script under `set -e`.
      stop(ifFailing: failingCalls.contains(Self.key(location)) && !Self.hidesAssignments(state.shadowing), at: location, context)
    }
    if command.words.count == 1, name == "exec", order == .execution, !CommandContext(frames: context.frames, anchors: context.anchors).isInSubshell {
      execRedirections += command.redirections
    }
  }

  /// The value of an assignment's right-hand side, resolved (and recorded).
  func assignmentValue(_ assignment: Assignment, _ context: WalkContext) -> Binding {
    switch assignment.value {
    case .scalar(let word):
      return .scalar(resolveRecorded(word, context))
    case .array(let words):
      var values: [ResolvedWord] = []
      for word in words {
        // `([i++]=x)`: an indexed array's subscript is arithmetic.
        let element = "a" + word.text
        if word.text.hasPrefix("["), let range = Assignment.writtenPrefix(element)?.subscript {
          evaluateSubscript(String(scalars: Array(element.unicodeScalars)[range]), at: word.location)
        }
        values += listFields(word, context)
      }
      return .array(values)
    }
  }

  /// Stores an assignment's value (`+=` appends; `local` saves the caller's value). An
  /// indexed array's subscript is evaluated as arithmetic, so is the value of a `declare
  /// -i` variable; a write through a name reference makes its targets unknown
  /// (`throughReference` is false for the `declare -n r=X` that makes one).
  func perform(_ assignment: Assignment, _ value: Binding, declaration: String?, throughReference: Bool = true) {
    let name = assignment.name
    // A readonly variable keeps its value (the error is `assignReadonly`'s).
    guard !isReadonly(name) else { return }
    evaluateSubscript(assignment.arrayIndex, at: assignment.location)
    if integerVariables.contains(name) {
      switch value {
      case .scalar(let word): if let text = word.literal { evaluateArithmetic(text, at: assignment.location) }
      case .array(let words): for word in words { if let text = word.literal { evaluateArithmetic(text, at: assignment.location) } }
      case .unset: break
      }
    }
    if throughReference { noteReferenceWrite(name, at: assignment.location) }
    if name == "PATH", !Self.onlyAppends(assignment) { addShadowing(.pathChange, at: assignment.location) }
    let key = assignment.subscriptWord?.literalValue ?? assignment.arrayIndex
    // A PS4 without expansions expands to itself.
    let harmlessPrompt = name == "PS4" && !Self.mayExpandAsPrompt(Self.value(of: value).literal)
    if name != "PATH", !harmlessPrompt { noteLookupVariable(name, subscript: key, at: assignment.location) }
    if declaration == "local", !localFrames.isEmpty, localFrames[localFrames.count - 1].index(forKey: name) == nil {
      localFrames[localFrames.count - 1].updateValue(state.variables[name], forKey: name)
    }
    let current = state.variables[name] ?? initialBinding(name)
    var result = value
    if let sub = assignment.arrayIndex {
      guard case .array(var elements) = current, case .scalar(let element) = value, let position = Int(sub), position >= 0,
        position <= elements.count, position < Self.maximumValuePieces
      else {
        assign(name, .scalar(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "$" + name, variable: name))))
        return
      }
      if position == elements.count { elements.append(element) } else { elements[position] = element }
      assign(name, .array(elements))
      return
    }
    if assignment.isAppend {
      switch (current, value) {
      case (.array(let old), .array(let new)): result = .array(old + new)
      case (.array(var old), .scalar(let new)):
        if old.isEmpty { old.append(new) } else { old[0] = old[0] + new }
        result = .array(old)
      case (.scalar(let old), .scalar(let new)): result = .scalar(old + new)
      case (.scalar(let old), .array(let new)): result = .array([old] + new)
      case (.unset, _), (_, .unset): result = value
      }
    }
    switch result {
    case .scalar(let word): assign(name, .scalar(bounded(word, name).held(by: name)))
    case .array(let words): assign(name, .array(words.prefix(Self.maximumValuePieces).map { bounded($0, name).held(by: name) }))
    case .unset: assign(name, .unset)
    }
  }

  /// Runs a function defined in the script at its call site. The paths that `return`
  /// join the path that reaches the end of the body; the call ends the caller's path only
  /// when every path through the function ended otherwise (`exit`). When all paths return
  /// the same known status, a condition on the call is decided by it.
  ///
  /// `arguments`: the call's fields (`callArguments`), nil when their number is not known;
  /// then `$#`, `$1` and the rest are unknown in the body.
  func call(_ definition: FunctionDefinition, arguments: [ResolvedWord]?, at location: SourceLocation, _ context: WalkContext) {
    guard order == .execution, !context.callStack.contains(definition.name) else { return }
    guard context.callStack.count < Self.maximumCallDepth, walkDepth < Self.maximumWalkDepth, inlinedRecords < inlineLimit,
      inlinedWords < inlineWordLimit, inlinedFrames < inlineFrameLimit
    else {
      truncated = true
      if truncatedAt == nil { truncatedAt = location }
      return
    }
    let savedPositional = state.positional
    state.positional = arguments.flatMap { $0.count <= Self.maximumPositionalParameters ? $0 : nil }
    localFrames.append([:])
    var inner = context.adding(.function(name: definition.name, call: location))
    inner.callStack.append(definition.name)
    var fallThroughStatus: Bool?
    let run = runTarget(.function) {
      walk(definition.body, next: nil, inner)
      if state.termination == nil { fallThroughStatus = finalStatus(of: definition.body) }
    }
    merge([run.fallThrough] + run.target.leaving)
    callStatuses[Self.key(location)] = Self.callStatus(run, fallingThrough: nil)
    // (`walkSimple` cleared the call site before the call.)
    if Self.callStatus(run, fallingThrough: fallThroughStatus) == false { failingCalls.insert(Self.key(location)) }
    let locals = localFrames.removeLast()
    for (name, previous) in locals { assign(name, previous) }
    // `local -r x` ends with the call.
    if !state.readonlyNames.isEmpty { for name in locals.keys { state.readonlyNames.remove(name) } }
    state.positional = savedPositional
  }

  func resolveRedirection(_ redirection: Redirection, _ context: WalkContext) {
    // An unset parameter in a here-document or here-string fails the command, not the shell.
    let exempt = redirection.hereDocument != nil || redirection.op == .hereString
    if exempt { nounsetExemptions += 1 }
    defer { if exempt { nounsetExemptions -= 1 } }
    if let target = redirection.target { _ = resolveRecorded(target, context) }
    if let document = redirection.hereDocument, !document.isQuoted {
      _ = resolve(document.parts, context, quiet: false)
    }
  }
}

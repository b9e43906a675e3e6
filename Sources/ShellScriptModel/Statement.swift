import Diagnostics

/// One command of the script, simple or compound, with where it starts.
///
/// Bash Reference Manual, 3.2 "Shell Commands". Shapes:
/// - `sam deploy --config-env "$ENV"` → `.simple(SimpleCommand)`
/// - `X=$(cmd)` → `.simple` with no words (`isAssignmentOnly`)
/// - `a | b` → `.pipeline`; `a && b || c` → `.andOr`; `! a` → `.negation`
/// - `if`, `while`/`until`, `for`/`select`, `case`, `{ ...; }`, `( ... )`, `(( ... ))`,
///   `[[ ... ]]`, `coproc` and function definitions each have their own case.
/// Redirections written after a compound command (`{ ...; } >log`) are in `redirections`;
/// a simple command keeps its own in `SimpleCommand.redirections`.
public struct Statement: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case simple(SimpleCommand)
    case pipeline(Pipeline)
    case andOr(AndOrList)
    case negation(Statement)
    case ifClause(IfClause)
    case loop(LoopClause)
    case forClause(ForClause)
    case caseClause(CaseClause)
    case functionDefinition(FunctionDefinition)
    case braceGroup([Statement])
    case subshell([Statement])
    case arithmetic(ArithmeticCommand)
    case conditional(ConditionalCommand)
    case coprocess(Coprocess)
  }

  public var kind: Kind
  /// Where the statement's first word or operator is.
  public var location: SourceLocation
  public var redirections: [Redirection]
  /// True when the statement ends with `&` (3.2.4 "Lists of Commands": run asynchronously).
  public var isBackgrounded: Bool

  public init(_ kind: Kind, at location: SourceLocation, redirections: [Redirection] = [], isBackgrounded: Bool = false) {
    self.kind = kind
    self.location = location
    self.redirections = redirections
    self.isBackgrounded = isBackgrounded
  }

  /// The simple command, when this statement is one.
  public var simpleCommand: SimpleCommand? {
    if case .simple(let command) = kind { return command }
    return nil
  }

  /// True for a statement that only assigns variables, such as `ALB_DNS=$(aws ...)`.
  public var isAssignmentOnly: Bool { simpleCommand?.isAssignmentOnly ?? false }

  /// The assignments of a simple command (prefix assignments, or the whole statement).
  public var assignments: [Assignment] { simpleCommand?.assignments ?? [] }

  /// The statements directly inside this one (condition and body lists, pipeline members,
  /// function bodies), in source order. Commands inside word expansions are not included.
  public var children: [Statement] {
    switch kind {
    case .simple, .arithmetic, .conditional: return []
    case .pipeline(let pipeline): return pipeline.commands
    case .andOr(let list): return list.items
    case .negation(let inner): return [inner]
    case .ifClause(let clause): return clause.branches.flatMap { $0.condition + $0.body } + (clause.elseBody ?? [])
    case .loop(let loop): return loop.condition + loop.body
    case .forClause(let clause): return clause.body
    case .caseClause(let clause): return clause.items.flatMap(\.body)
    case .functionDefinition(let definition): return [definition.body]
    case .braceGroup(let list), .subshell(let list): return list
    case .coprocess(let coprocess): return [coprocess.command]
    }
  }

  /// The statement that runs first when this one runs: the first command of a pipeline,
  /// list, group or condition; the statement itself for simple commands, `case`, `for`,
  /// `((...))` and `[[...]]` (whose own words are evaluated first).
  public var leadingStatement: Statement {
    var current = self
    for _ in 0..<10_000 {
      switch current.kind {
      case .pipeline(let pipeline): current = pipeline.commands[0]
      case .andOr(let list): current = list.items[0]
      case .negation(let inner): current = inner
      case .ifClause(let clause):
        guard let first = clause.branches.first?.condition.first else { return current }
        current = first
      case .loop(let loop):
        guard let first = loop.condition.first else { return current }
        current = first
      case .braceGroup(let list), .subshell(let list):
        guard let first = list.first else { return current }
        current = first
      default: return current
      }
    }
    return current
  }

  /// True when the first thing this statement evaluates reads `$?`: `rc=$?`,
  /// `if [ $? -ne 0 ]`, `[[ $? != 0 ]]`, `if (( $? ))`, `case $? in`, `echo "failed: $?"`.
  /// (3.4.2 "Special Parameters": `?` is the status of the most recent foreground pipeline.)
  public var readsExitStatusImmediately: Bool {
    let leading = leadingStatement
    switch leading.kind {
    case .simple(let command):
      return command.words.contains { $0.references(parameter: "?") }
        || command.assignments.contains { $0.value.words.contains { $0.references(parameter: "?") } }
        || command.redirections.contains { $0.target?.references(parameter: "?") ?? false }
    case .arithmetic(let command): return ArithmeticText.references(command.expression, parameter: "?")
    case .conditional(let command): return command.words.contains { $0.references(parameter: "?") }
    case .caseClause(let clause): return clause.subject.references(parameter: "?")
    case .forClause(let clause):
      switch clause.header {
      case .words(_, let words): return words?.contains { $0.references(parameter: "?") } ?? false
      case .arithmetic(let text): return ArithmeticText.references(text, parameter: "?")
      }
    default: return false
    }
  }

  /// True when any word of this statement or of a statement inside it reads parameter `name`.
  public func references(parameter name: String) -> Bool {
    var found = false
    SyntaxWalk.forEachWord(in: self) { word in
      if !found, word.references(parameter: name) { found = true }
    }
    if found { return true }
    var arithmetic = false
    SyntaxWalk.forEachStatement(in: [self]) { statement in
      switch statement.kind {
      case .arithmetic(let command): if ArithmeticText.references(command.expression, parameter: name) { arithmetic = true }
      case .forClause(let clause):
        if case .arithmetic(let text) = clause.header, ArithmeticText.references(text, parameter: name) { arithmetic = true }
      default: break
      }
    }
    return arithmetic
  }
}

import Diagnostics

/// The result of walking a script statically: the commands and statements reached, in
/// order, with words resolved against the variables known at each point.
///
/// In `.execution` order the walk follows the main body, inlines each call of a function
/// defined in the script at the call site (positional parameters bound to the call's
/// arguments, `local` variables restored on return; recursive calls are not re-entered),
/// walks only the branch a bound value decides (`case "$ENV" in prod) ...`, `if [ "$1" =
/// prod ]`), walks every undecided branch and merges what they assign. `exit`, `return`,
/// `break` and `continue` end only the paths they are on: `if c; then exit 1; fi` ends one
/// path and the walk goes on with the other; a `return` in one branch of a function joins
/// the path that reaches the end of the body where the call ends. The walk stops where
/// every path has ended: an `exit` on every path, a function that exits on every path, a
/// `while true` loop that no path leaves. In `.source` order every statement is walked
/// where it is written: function bodies at their definition, every branch, nothing
/// inlined.
public struct Evaluation: Sendable {
  /// How the walk visits the script.
  public enum Order: Sendable, Hashable {
    /// Main body in order, called functions inlined, decided branches only.
    case execution
    /// Everything where it is written.
    case source
  }

  public let order: Order
  /// What was bound before the walk.
  public let environment: Environment
  /// Commands in order; `commands[i].order == i`.
  public let commands: [CommandInvocation]
  /// Statements in order (pre-order: a compound statement before the statements inside it).
  public let statements: [StatementRecord]
  /// Variable values when the walk ends (unset variables omitted; arrays joined by blanks).
  public let variables: [String: ResolvedWord]
  /// True when function inlining stopped early (call depth or size limit); commands after
  /// that point inside functions are missing.
  public let isTruncated: Bool
  /// When `isTruncated`: the first call site the walk did not inline.
  public internal(set) var truncationLocation: SourceLocation?
  /// Where the walk stopped because every path ended, the last of them at this `exit`
  /// (execution order only); nil when some path reaches the end of the script or never
  /// ends.
  public let exitLocation: SourceLocation?
  /// Where the walk stopped in a loop no path leaves (`while true` without `break`), when
  /// that is how every path ended (execution order only).
  public internal(set) var endlessLoopLocation: SourceLocation?
  /// Why the script ends at `exitLocation` when it is an unset parameter under `set -u` or
  /// an assignment to a readonly variable (nil for an `exit` or a failing command).
  public internal(set) var stopCause: StopCause?
  let wordValues: [Int: ResolvedWord]
  let finalState: ExecutionState
  let functionTable: [String: FunctionDefinition]

  init(
    order: Order, environment: Environment, commands: [CommandInvocation], statements: [StatementRecord],
    isTruncated: Bool, exitLocation: SourceLocation?, wordValues: [Int: ResolvedWord], finalState: ExecutionState,
    functionTable: [String: FunctionDefinition]
  ) {
    self.order = order
    self.environment = environment
    self.commands = commands
    self.statements = statements
    self.isTruncated = isTruncated
    self.exitLocation = exitLocation
    self.wordValues = wordValues
    self.finalState = finalState
    self.functionTable = functionTable
    var variables: [String: ResolvedWord] = [:]
    for (name, binding) in finalState.variables {
      switch binding {
      case .scalar(let value): variables[name] = value
      case .array(let values): variables[name] = Evaluator.join(values)
      case .unset: break
      }
    }
    self.variables = variables
  }

  /// The value of `word` where the walk reached it. When the walk reached it several times
  /// with different values (a function called twice), the values are alternatives. For a
  /// word the walk never reached, the value against the variables at the end of the walk.
  public func value(of word: Word) -> ResolvedWord {
    if let known = wordValues[Evaluator.key(word.location)] { return known }
    let evaluator = Evaluator(order: order, environment: environment, functions: functionTable, state: finalState)
    return evaluator.resolve(word.parts, nil, quiet: true)
  }

  /// A variable's value when the walk ends; nil when it is unset or never assigned.
  public func variable(_ name: String) -> ResolvedWord? { variables[name] }

  /// Commands named `name` (compared by last path component), in order.
  public func commands(named name: String) -> [CommandInvocation] {
    commands.filter { $0.isCommand(name) }
  }

  /// Commands named `name` whose operands start with `subcommands` (see
  /// `CommandInvocation.isSubcommand(_:)`): `commands(named: "sam", "deploy")`.
  public func commands(named name: String, _ subcommands: String...) -> [CommandInvocation] {
    commands(named: name, subcommands: subcommands)
  }

  func commands(named name: String, subcommands: [String]) -> [CommandInvocation] {
    commands.filter { invocation in
      invocation.isCommand(name) && invocation.isSubcommand(path: subcommands)
    }
  }

  /// Calls of function `name` (commands whose `calledFunction` is `name`), in order.
  public func calls(to name: String) -> [CommandInvocation] {
    commands.filter { $0.calledFunction == name }
  }

  /// Commands run inside function `name` (at any depth of its calls), in order.
  public func commands(inFunction name: String) -> [CommandInvocation] {
    commands.filter { $0.callStack.contains(name) || $0.context.functionName == name }
  }

  /// True when the walk reached a command or statement that starts at `location`.
  public func reaches(_ location: SourceLocation) -> Bool {
    commands.contains { $0.location == location } || statements.contains { $0.statement.location == location }
  }

  /// The first record of the statement that starts at `location`.
  public func statement(at location: SourceLocation) -> StatementRecord? {
    statements.first { $0.statement.location == location }
  }

  /// The errexit state at `location`: of the command whose name is there, else of the
  /// statement that starts there, else of the nearest statement starting before it.
  public func errexit(at location: SourceLocation) -> ErrexitStatus? {
    if let command = commands.first(where: { $0.location == location }) { return command.errexit }
    if let record = statement(at: location) { return record.errexit }
    var best: StatementRecord?
    for record in statements where record.location.file == location.file && record.location <= location {
      if best == nil || best!.location < record.location { best = record }
    }
    return best?.errexit
  }
}

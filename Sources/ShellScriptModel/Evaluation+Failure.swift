import Diagnostics

extension Evaluation {
  /// What happens when `command`, an `exit` with a non-zero (or no) status, runs: it
  /// ends the shell it runs in (Bash Reference Manual, 4.1 "Bourne Shell Builtins",
  /// `exit`) — the script itself, whatever `||`, `if` or `set +e` surround it, unless that
  /// shell is a subshell (`( ... )`, `$(...)`, a pipeline member, a `&` job: 3.7.3
  /// "Command Execution Environment"), whose non-zero status then counts as a failure
  /// where the subshell was started.
  public func outcome(ofExit command: CommandInvocation) -> FailureOutcome {
    FailureTrace(evaluation: self).trace(.exit, from: command)
  }

  /// What happens when `command` fails (exits with a non-zero status): `set -e` stops the
  /// script there unless the failure is in a context where bash ignores `-e` (4.3.1 "The
  /// Set Builtin"); in such a context the construct that takes the status decides: `||`
  /// runs its right side, `if` its other branch, `!` inverts it, a `&` job's status is
  /// read only by `wait` with its job ID.
  public func outcome(ofFailure command: CommandInvocation) -> FailureOutcome {
    FailureTrace(evaluation: self).trace(.status(failing: true), from: command)
  }

  /// What happens when `command`, a `return` with a non-zero (or no) status, runs in a
  /// function: the call of that function fails.
  public func outcome(ofReturn command: CommandInvocation) -> FailureOutcome {
    FailureTrace(evaluation: self).traceReturn(command, depth: 0)
  }
}

/// Follows a failure outwards through the constructs around it (`CommandContext.frames`,
/// innermost first). Approximations: the status of a function, subshell or compound
/// command is taken to be the failure (true for `return 1`, `exit 1` and a failing last
/// command, not for a failing command that later ones hide); "a branch stops the script"
/// means some `exit`, `return` or `false` in it does.
struct FailureTrace {
  enum Kind: Equatable {
    case exit
    case status(failing: Bool)
  }

  let evaluation: Evaluation
  static let maximumDepth = 8

  func trace(_ kind: Kind, from command: CommandInvocation, depth: Int = 0) -> FailureOutcome {
    trace(kind, context: command.context, location: command.location, order: command.order, options: command.options, depth: depth)
  }

  func traceReturn(_ command: CommandInvocation, depth: Int) -> FailureOutcome {
    let frames = command.context.frames
    guard let index = frames.lastIndex(where: { if case .function = $0 { true } else { false } }),
      case .function(let name, let call?) = frames[index], let caller = callCommand(name, at: call, before: command.order)
    else { return .unknown("`return` outside a function call") }
    return trace(.status(failing: true), from: caller, depth: depth + 1)
  }

  // The walk from the innermost frame outwards.
  func trace(_ start: Kind, context: CommandContext, location start0: SourceLocation, order: Int, options start1: ShellOptions, depth: Int)
    -> FailureOutcome
  {
    let frames = context.frames
    guard depth <= Self.maximumDepth else { return .unknown("the failure passes through too many constructs to follow") }
    var kind = start
    var location = start0
    var options = start1
    var errexitSuppressed = false
    let exitLocation = start0
    var index = frames.count - 1
    while index >= 0 {
      let frame = frames[index]
      let prefix = Array(frames[..<index])
      let outer = CommandContext(frames: prefix, anchors: context.anchors.count >= index ? Array(context.anchors[..<index]) : [])
      let anchor = index < context.anchors.count ? context.anchors[index] : nil
      switch frame {
      case .subshell(let at):
        if kind == .exit { kind = .status(failing: true) }
        location = at
        if let record = evaluation.statements.last(where: { $0.location == at && $0.context.frames == prefix }) { options = record.options }
      case .commandSubstitution(let at):
        if kind == .exit { kind = .status(failing: true) }
        guard kind == .status(failing: true) else { return .goesOn(reason: "the command substitution succeeds", at: at) }
        switch holder(ofSubstitutionAt: at, prefix: prefix, after: order) {
        case .assignment(let record):
          location = record.location
          options = record.options
        case .command(let command):
          let name = command.commandName ?? command.name.text
          return .goesOn(
            reason: "the status of `$(...)` inside the words of `\(name)` is lost: `\(name)`'s own status is what counts", at: command.location)
        case nil:
          return .unknown("cannot tell which command the `$(...)` at \(at) belongs to")
        }
      case .processSubstitution(let at):
        return .goesOn(reason: "it runs in a process substitution, whose status nothing reads", at: at)
      case .background:
        return background(outer.adding(frame, anchor: anchor), order: order, depth: depth)
      case .pipeline(let position, let count):
        guard count > 1 else { break }
        if kind == .exit { kind = .status(failing: true) }
        if kind == .status(failing: true), position < count - 1, !options.pipefail.isEnabled {
          return .goesOn(reason: "it is not the last command of a pipeline and pipefail is off: the pipeline's status is the last command's", at: location)
        }
      case .function(let name, let call):
        guard let call, let caller = callCommand(name, at: call, before: order) else { break }
        if kind != .exit {
          location = caller.location
          options = caller.options
        }
      case .negation:
        if case .status(let failing) = kind { kind = .status(failing: !failing) }
      case .andOrList(let position, let count, _):
        guard case .status(let failing) = kind, position < count - 1 else { break }
        guard failing else { return .goesOn(reason: "`!` turns the failure into success", at: location) }
        if let handler = laterOrItem(outer, anchor: anchor, after: position, count: count) {
          if let stop = stop(inside: outer.adding(handler.frame, anchor: anchor), depth: depth) { return .stops(at: stop) }
          return .goesOn(reason: "`|| \(handler.command.commandName ?? handler.command.name.text)` takes the failure and the script goes on", at: handler.command.location)
        }
        errexitSuppressed = true
      case .ifCondition(let at):
        guard case .status(let failing) = kind else { break }
        return branchTaken(failing: failing, condition: at, outer: outer, depth: depth)
      case .loopCondition(let loopKind, let at):
        guard kind != .exit else { break }
        return .goesOn(reason: "it is the condition of the `\(loopKind.rawValue)` loop at line \(at.line), which it only ends or continues", at: at)
      case .thenBranch, .elseBranch, .loopBody, .caseItem, .braceGroup:
        break
      }
      index -= 1
    }
    switch kind {
    case .exit:
      return .stops(at: exitLocation)
    case .status(false):
      return .goesOn(reason: "`!` turns the failure into success", at: location)
    case .status(true):
      if errexitSuppressed {
        return .goesOn(reason: "a failing command before `&&` does not trigger `set -e`", at: location)
      }
      if options.errexit.isEnabled { return .stops(at: location) }
      let setAt = options.errexit.setAt.map { " (`set +e` at line \($0.line))" } ?? ""
      if let record = evaluation.statements.last(where: { $0.location == location }), record.next?.readsExitStatusImmediately == true {
        return .unknown("`set -e` is off\(setAt) and the next command reads `$?`")
      }
      return .goesOn(reason: "`set -e` is off here\(setAt), so the script goes on after the failure", at: location)
    }
  }

  // MARK: - Constructs

  enum SubstitutionHolder {
    /// An assignment-only statement: its status is the substitution's (3.7.1 "Simple
    /// Command Expansion").
    case assignment(StatementRecord)
    /// A command with arguments, or a declaration builtin: its own status counts.
    case command(CommandInvocation)
  }

  private func holder(ofSubstitutionAt at: SourceLocation, prefix: [ContextFrame], after order: Int) -> SubstitutionHolder? {
    func holds(_ words: [Word]) -> Bool { words.contains { $0.commandSubstitutions.contains { $0.location == at } } }
    if let command = evaluation.commands.first(where: { $0.order > order && $0.context.frames == prefix && (holds($0.words) || holds($0.assignments.flatMap(\.value.words))) }) {
      return .command(command)
    }
    if let record = evaluation.statements.last(where: {
      $0.context.frames == prefix && $0.statement.isAssignmentOnly && holds($0.statement.assignments.flatMap(\.value.words))
    }) {
      return .assignment(record)
    }
    return nil
  }

  private func background(_ job: CommandContext, order: Int, depth: Int) -> FailureOutcome {
    let inJob = evaluation.commands.filter { $0.context.sharesConstructs(with: job, depth: job.frames.count) }
    let at = job.anchors.last.flatMap { $0 } ?? inJob.first?.location ?? .start(of: "")
    let lastInJob = inJob.last?.order ?? order
    let waits = evaluation.commands.filter { $0.order > lastInJob && $0.isCommand("wait") && !$0.context.isBackgrounded }
    if let wait = waits.first(where: { !$0.resolvedArguments.isEmpty }) {
      return trace(.status(failing: true), from: wait, depth: depth + 1)
    }
    if let wait = waits.first {
      return .goesOn(reason: "it runs in the background (`&`), and `wait` without a job ID returns 0 whatever the job's status", at: wait.location)
    }
    return .goesOn(reason: "it runs in the background (`&`) and nothing waits for it (`wait $!`): the script goes on at once", at: at)
  }

  /// The first item after `position` of an and-or list that runs when the item fails: the
  /// next one written after `||`.
  private func laterOrItem(_ outer: CommandContext, anchor: SourceLocation?, after position: Int, count: Int) -> (frame: ContextFrame, command: CommandInvocation)? {
    for later in (position + 1)..<count {
      let frame = ContextFrame.andOrList(position: later, count: count, operator: .or)
      let item = outer.adding(frame, anchor: anchor)
      if let command = evaluation.commands.first(where: { $0.context.sharesConstructs(with: item, depth: item.frames.count) }) { return (frame, command) }
    }
    return nil
  }

  /// The branch an `if` condition's status selects: success the `then` list; failure the
  /// `else` list (a later `elif` is not followed).
  private func branchTaken(failing: Bool, condition at: SourceLocation, outer: CommandContext, depth: Int) -> FailureOutcome {
    let clause = evaluation.statements.lazy.compactMap { record -> IfClause? in
      guard record.context.frames == outer.frames, case .ifClause(let clause) = record.statement.kind,
        clause.branches.contains(where: { $0.location == at })
      else { return nil }
      return clause
    }.first
    let frame: ContextFrame
    if failing {
      guard let clause else { return .unknown("cannot find the `if` at \(at)") }
      if clause.branches.last?.location != at { return .unknown("the failure goes on to an `elif` at line \(at.line)") }
      guard clause.elseBody != nil else { return .goesOn(reason: "the `if` at line \(at.line) has no `else`, so the script goes on", at: at) }
      frame = .elseBranch(clause.elseLocation ?? clause.branches[0].location)
    } else {
      frame = .thenBranch(at)
    }
    if let stop = stop(inside: outer.adding(frame, anchor: nil), depth: depth) { return .stops(at: stop) }
    return .goesOn(reason: "the `if` at line \(at.line) takes the failure and the script goes on", at: at)
  }

  /// Where a command inside the constructs `frames` stops the script: an `exit` with a
  /// non-zero or no status, a `return` with one out of a function around the constructs,
  /// or `false`.
  func stop(inside construct: CommandContext, depth: Int) -> SourceLocation? {
    guard depth < Self.maximumDepth else { return nil }
    let frames = construct.frames
    for command in evaluation.commands where command.context.sharesConstructs(with: construct, depth: frames.count) {
      let status = command.resolvedArguments.first?.literal
      if command.isCommand("exit"), status != "0" {
        if case .stops(let at) = trace(.exit, from: command, depth: depth + 1) { return at }
      } else if command.isCommand("return"), status != "0",
        let index = command.context.frames.lastIndex(where: { if case .function = $0 { true } else { false } }), index < frames.count
      {
        if case .stops(let at) = traceReturn(command, depth: depth + 1) { return at }
      } else if command.isCommand("false"), command.calledFunction == nil {
        if case .stops(let at) = trace(.status(failing: true), from: command, depth: depth + 1) { return at }
      }
    }
    return nil
  }

  func callCommand(_ name: String, at location: SourceLocation, before order: Int) -> CommandInvocation? {
    evaluation.commands[..<min(order, evaluation.commands.count)].last { $0.location == location && $0.calledFunction == name }
  }
}

extension CommandContext {
  /// This context with one more frame inside.
  func adding(_ frame: ContextFrame, anchor: SourceLocation?) -> CommandContext {
    var anchors = self.anchors
    while anchors.count < frames.count { anchors.append(nil) }
    return CommandContext(frames: frames + [frame], anchors: anchors + [anchor])
  }
}

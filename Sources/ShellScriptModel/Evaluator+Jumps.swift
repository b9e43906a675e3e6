import Diagnostics

extension Evaluator {
  /// A construct that `return`, `break` or `continue` leaves: a function call being run or
  /// a loop being walked. A subshell stops the search (a `return` in `( ... )` or `$( ... )`
  /// ends only the subshell).
  ///
  /// A path that jumps is saved here as it stands, relative to the state where the target
  /// started (`mark` in the undo log), and joins the other paths where the target ends. So
  /// `if c; then return 0; fi; die` ends the function on two paths (the return, the exit),
  /// and the call goes on with the first.
  struct JumpTarget {
    enum Kind { case function, loop, subshell }

    let kind: Kind
    /// The undo log's length when the target started.
    let mark: Int
    /// Paths that left the target (`return` from the function, `break` out of the loop).
    var leaving: [Outcome] = []
    /// For each path in `leaving` of a function, the status its `return` gives (true =
    /// 0), nil when unknown.
    var statuses: [Bool?] = []
    /// Paths that went on with the loop's next iteration (`continue`).
    var continuing: [Outcome] = []
    /// For a subshell, the status each path that ended it early gives (`exit N`, `return
    /// N`, a `set -e` stop; true = 0, nil when unknown): see `Evaluator.inSubshell`.
    var exitStatuses: [Bool?] = []
  }

  /// How `body` ended and the paths that jumped out of it to the target it opened.
  struct TargetRun {
    var fallThrough: Outcome
    var target: JumpTarget
  }

  /// Runs `body` as a new jump target from the current state, then returns to that state.
  func runTarget(_ kind: JumpTarget.Kind, _ body: () -> Void) -> TargetRun {
    let scope = beginScope()
    jumpTargets.append(JumpTarget(kind: kind, mark: scope.mark))
    body()
    let target = jumpTargets.removeLast()
    return TargetRun(fallThrough: endScope(scope, capture: true), target: target)
  }

  /// The current path as the changes made since the undo log had `mark` entries.
  func snapshot(since mark: Int) -> Outcome {
    var changes: [String: Binding?] = [:]
    for entry in undoLog[mark...] where changes.index(forKey: entry.name) == nil {
      changes.updateValue(state.variables[entry.name], forKey: entry.name)
    }
    return Outcome(
      changes: changes, positional: state.positional, options: state.options, shadowing: state.shadowing, readonlyNames: state.readonlyNames,
      termination: nil)
  }

  /// `return [N]`: ends the path, saved with the innermost function being run. Outside
  /// any function (an error in bash) nothing happens; inside a subshell of the function
  /// the subshell ends.
  func jumpReturn(_ arguments: [ResolvedWord]) {
    guard order == .execution, jumpTargets.contains(where: { $0.kind == .function }) else { return }
    let index = jumpTargets.lastIndex { $0.kind != .loop }!
    if jumpTargets[index].kind == .function {
      jumpTargets[index].leaving.append(snapshot(since: jumpTargets[index].mark))
      jumpTargets[index].statuses.append(Self.returnStatus(arguments))
    } else {
      // `( return 1 )` in a function: the subshell exits with the status.
      jumpTargets[index].exitStatuses.append(arguments.isEmpty ? nil : Self.returnStatus(arguments))
    }
    state.termination = .return
  }

  /// The status `return N` gives: true for 0, false for another number, nil when `N` is
  /// not known (no operand returns the last command's status).
  static func returnStatus(_ arguments: [ResolvedWord]) -> Bool? {
    guard let text = arguments.first?.literal, let number = Int(text.trimmingBlanks()) else { return nil }
    return number & 0xFF == 0
  }

  /// `break [N]` and `continue [N]`: ends the path, saved with the Nth enclosing loop of
  /// the function or subshell being walked (the outermost when there are fewer). Outside
  /// a loop nothing happens.
  func jumpLoop(_ arguments: [ResolvedWord], continues: Bool) {
    guard order == .execution else { return }
    var loops: [Int] = []
    for index in jumpTargets.indices.reversed() {
      guard jumpTargets[index].kind == .loop else { break }
      loops.append(index)
    }
    guard !loops.isEmpty else { return }
    var levels = 1
    if let text = arguments.first?.literal {
      guard let number = Int(text.trimmingBlanks()), number >= 1 else { return }
      levels = number
    }
    let index = loops[min(levels, loops.count) - 1]
    let path = snapshot(since: jumpTargets[index].mark)
    if continues {
      jumpTargets[index].continuing.append(path)
      state.termination = .continue
    } else {
      jumpTargets[index].leaving.append(path)
      state.termination = .break
    }
  }

  /// The status of a call from the paths that leave the function (each `return`, and the
  /// end of the body when a path reaches it, with `fallingThrough`: the last command's
  /// status, nil when not known): the status all of them give, or nil when they disagree
  /// or one is unknown.
  static func callStatus(_ run: TargetRun, fallingThrough: Bool?) -> Bool? {
    var statuses = run.target.statuses
    if run.fallThrough.termination == nil { statuses.append(fallingThrough) }
    guard let first = statuses.first else { return nil }
    return statuses.allSatisfy { $0 == first } ? first : nil
  }

  /// Joins the paths that reach the end of a loop: `outcomes` (not entering the body,
  /// finishing it) plus those that `continue` or `break`. When the condition is always
  /// true (`keepsRunning`) only `break` leaves the loop; when nothing does, the path
  /// loops forever unless every path through the body ended.
  func mergeLoop(_ run: TargetRun, entry: Outcome?, keepsRunning: Bool, at location: SourceLocation) {
    let target = run.target
    var outcomes: [Outcome] = []
    if !keepsRunning {
      if let entry { outcomes.append(entry) }
      outcomes.append(run.fallThrough)
      outcomes += target.continuing
    }
    outcomes += target.leaving
    if outcomes.contains(where: { $0.termination == nil }) {
      merge(outcomes)
    } else if run.fallThrough.termination == nil || !target.continuing.isEmpty {
      state.termination = .endless(location)
    } else {
      merge([run.fallThrough])
    }
  }
}

extension Evaluator {
  /// Runs `expand` (the expansion and assignment of an assignment-only command: `X=$(cmd)`,
  /// `A=(x "$(cmd)")`) and returns the command's exit status: that of the last command
  /// substitution it ran, 0 when it ran none (Bash Reference Manual, 3.7.1 "Simple Command
  /// Expansion"). Bash expands the assignments left to right: `x=$(false) y=$(true)` gives
  /// 0, `x=$(true) y=$(false)` gives 1, `x=${y:-$(false)}` with y unset gives 1 (bash 5.2).
  /// A substitution's status is how its subshell ended (`inSubshell`).
  ///
  /// Nil when not known: the last substitution's status is not known, or a substitution
  /// may have run that the walk did not follow (`unseenSubstitutions`: in an operand whose
  /// use it could not decide, in arithmetic text or a subscript).
  func assignmentStatus(of assignments: [Assignment], _ expand: () -> Void) -> Bool? {
    let runs = substitutionRuns
    let unseen = unseenSubstitutions
    readsSubstitutionStatus += 1
    expand()
    readsSubstitutionStatus -= 1
    guard unseenSubstitutions == unseen else { return nil }
    for assignment in assignments {
      if assignment.subscriptWord?.containsCommandSubstitution == true || assignment.arrayIndex.map(Self.mayRunCommands) == true { return nil }
    }
    return substitutionRuns == runs ? true : latestSubstitutionStatus
  }

  /// Counts a command substitution in `words` that may run but that the walk does not
  /// follow (see `assignmentStatus`).
  func noteUnseenSubstitutions(in words: [Word]) {
    if words.contains(where: \.containsCommandSubstitution) { unseenSubstitutions += 1 }
  }

  /// True when arithmetic or subscript text may hold a command substitution.
  static func mayRunCommands(_ text: String) -> Bool {
    text.contains("$(") || text.contains("`")
  }
}

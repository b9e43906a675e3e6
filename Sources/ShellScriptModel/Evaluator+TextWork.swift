extension Evaluator {
  /// How many steps all the string operations of one walk take together: pattern matches
  /// (`[[ $x == p ]]`, `case`, `${x#p}`, `${x%p}`; a step is one character tried against
  /// one pattern element, see `GlobPattern.matches(_:budget:)`) and the operations that
  /// read a whole value (`${x:o:l}`, `${x//p/r}`, `${x^^}`, `${#x}`, comparisons, field
  /// splitting, see `fields(of:_:)`; a step is one byte). 32 M steps took under a second
  /// here (0.8 s at worst, on combining text);
  /// real deployment scripts take a few thousand. A value may hold 64 KiB
  /// (`maximumValueBytes`), so without a bound on the whole walk each line could cost
  /// milliseconds and a 2 MB script minutes, and one `[[ $x == $p ]]` with a pattern like
  /// `*aaa…ab` from a variable took minutes alone.
  /// Once the steps are spent, every further operation's result is unknown (the
  /// expression as written) and every further match undecided: never a guess.
  static let textWorkLimit = 1 << 25

  /// Takes `steps` from `textWorkLeft`; false when they are not left (the walk's string
  /// operations are then spent: see `textWorkLimit`).
  func spendTextWork(_ steps: Int) -> Bool {
    textWorkLeft -= steps
    return textWorkLeft >= 0
  }
}

extension PathPattern {
  /// Appends a wildcard token, reducing the run of wildcards it ends to at most two
  /// tokens with the same language, so a pattern's automaton has a few states per run
  /// however long the run is written (`.dockerignore` lines of thousands of `*` stayed
  /// linear in the path, but with a state per `*` a 16 MB line cost gigabytes).
  ///
  /// With A = `(.*/)?` (`anyDirectories`), B = `[^/]*` (`starButSlash`), C = `.*`
  /// (`anything`), as moby/patternmatcher translates them: C followed or preceded by A
  /// or B is C; AA is A and BB is B; and an alternating run of three or more (ABA, BAB,
  /// ABAB, ...) is AB. (A run of B A B: its strings are b1 a b2; when a is empty that
  /// is one run of non-slashes, else b1 a ends in `/`, which A matches: so it is in AB,
  /// and AB is in it with b1 empty. The longer runs reduce the same way.) AB and BA stay
  /// as they are: `/x` matches AB, not BA. Language equality is kept by concatenation, so
  /// the whole pattern matches exactly the same paths.
  static func appendWildcard(_ token: Token, to tokens: inout [Token]) {
    func isWildcard(_ token: Token) -> Bool {
      switch token {
      case .anyDirectories, .starButSlash, .anything: true
      default: false
      }
    }
    var runStart = tokens.endIndex
    while runStart > tokens.startIndex, isWildcard(tokens[runStart - 1]) { runStart -= 1 }
    var run = Array(tokens[runStart...])
    tokens.removeSubrange(runStart...)
    if run.contains(.anything) || token == .anything {
      run = [.anything]
    } else if run.last != token {
      run.append(token)
      if run.count >= 3 { run = [.anyDirectories, .starButSlash] }
    }
    tokens += run
  }
}

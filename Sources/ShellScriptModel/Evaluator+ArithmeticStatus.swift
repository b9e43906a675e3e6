extension Evaluator {
  /// The exit status of `((expression))` when the walk knows it: true (0) when the value
  /// is not zero, false (1) when it is zero or bash reports an error (6.5 "Shell
  /// Arithmetic"; 3.2.5.2, `((...))`), read with the values variables have before the
  /// expression runs (see `ArithmeticEvaluator`). `n=0; ((n++))` under `set -e` is the
  /// classic: the status is 1 and the script exits; so do `((n = 0))`, `(( 1 > 2 ))` and
  /// `let n=0`.
  func arithmeticStatus(_ expression: String) -> Bool? {
    arithmeticStatus(of: [expression])
  }

  /// The status of the arithmetic `expressions` evaluated in turn (the arguments of
  /// `let`): the last one's value decides.
  func arithmeticStatus(of expressions: [String]) -> Bool? {
    switch arithmeticResult(expressions) {
    case .value(let value): return value != 0
    case .failure, .readonly: return false
    case .unbound, .unknown: return nil
    }
  }

  /// `expressions` evaluated in turn over the values the walk knows here.
  func arithmeticResult(_ expressions: [String]) -> ArithmeticEvaluator.Result {
    let evaluator = ArithmeticEvaluator(nounset: state.options.nounset.isEnabled, isReadonly: isReadonly) { name, index in
      switch self.lookup(name, arrayIndex: index.map(String.init)) {
      case .unset: return self.isUnsetByScript(name) ? .unset : .unlisted
      case .value(let word): return word.literal.map { .text($0) } ?? .unknown
      }
    }
    return evaluator.evaluate(expressions)
  }
}

extension String {
  /// An optional `-`, then digits without a leading zero (`0`, `42`, `-7`): the same number
  /// whether `test` reads it or bash arithmetic does (arithmetic reads `010` as octal 8).
  var isPlainDecimal: Bool {
    let digits = hasPrefix("-") ? dropFirst() : self[...]
    return !digits.isEmpty && digits.unicodeScalars.allSatisfy(Lexical.isDigit) && (digits == "0" || !digits.hasPrefix("0"))
  }
}

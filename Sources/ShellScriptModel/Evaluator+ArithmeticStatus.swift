extension Evaluator {
  /// The exit status of `((expression))` when the walk knows it: true (0) when the value
  /// is not zero, false (1) when it is (6.5 "Shell Arithmetic"; 3.2.5.2, `((...))`).
  ///
  /// Read only for the shapes a counter takes, with the value the variable has before the
  /// expression runs: a decimal literal, `NAME`, `NAME++`, `NAME--` (the old value),
  /// `++NAME`, `--NAME` (the new one), `NAME = decimal` (the value assigned). The value of
  /// `NAME` counts when it is unset or empty (0), or a decimal number without a leading
  /// zero (`010` is octal in bash); anything else (another expression, a value only known
  /// at run time) gives nil.
  ///
  /// `n=0; ((n++))` under `set -e` is the classic: the status is 1 and the script exits;
  /// so does `((n = 0))` and `let n=0`.
  func arithmeticStatus(_ expression: String) -> Bool? {
    let scalars = Array(expression.unicodeScalars)
    let isBlank = { (c: Unicode.Scalar) in c == " " || c == "\t" || c == "\n" }
    guard let start = scalars.firstIndex(where: { !isBlank($0) }), let end = scalars.lastIndex(where: { !isBlank($0) }) else { return nil }
    let text = Array(scalars[start...end])
    if text.allSatisfy(Lexical.isDigit) { return Self.decimal(String(scalars: text[...])).map { $0 != 0 } }
    if let equals = text.firstIndex(of: "="), equals > 0, equals + 1 < text.count, text[equals + 1] != "=" {
      // `NAME = value`: the value assigned (`==`, `<=`, `>=`, `!=` and `+=` are not this).
      let name = text[..<equals].reversed().drop(while: isBlank).reversed()
      let value = String(scalars: Array(text[(equals + 1)...].drop(while: isBlank))[...])
      guard let first = name.first, Lexical.isNameStart(first), name.allSatisfy(Lexical.isNameCharacter) else { return nil }
      return Self.decimal(value).map { $0 != 0 }
    }
    var name = text[...]
    var step = 0
    var usesNewValue = false
    if text.count > 2, text[0] == text[1], text[0] == "+" || text[0] == "-" {
      name = text[2...]
      step = text[0] == "+" ? 1 : -1
      usesNewValue = true
    } else if text.count > 2, text[text.count - 1] == text[text.count - 2], text[text.count - 1] == "+" || text[text.count - 1] == "-" {
      name = text[..<(text.count - 2)]
    }
    guard let first = name.first, Lexical.isNameStart(first), name.allSatisfy(Lexical.isNameCharacter) else { return nil }
    let value: Int
    switch lookup(String(scalars: name), arrayIndex: nil) {
    case .unset:
      value = 0
    case .value(let word):
      guard let literal = word.literal else { return nil }
      if literal.isEmpty {
        value = 0
      } else {
        guard let number = Self.decimal(literal) else { return nil }
        value = number
      }
    }
    let (result, overflow) = value.addingReportingOverflow(usesNewValue ? step : 0)
    return overflow ? nil : result != 0
  }

  /// `text` as a decimal number (`String.isPlainDecimal`).
  private static func decimal(_ text: String) -> Int? { text.isPlainDecimal ? Int(text) : nil }
}

extension String {
  /// An optional `-`, then digits without a leading zero (`0`, `42`, `-7`): the same number
  /// whether `test` reads it or bash arithmetic does (arithmetic reads `010` as octal 8).
  var isPlainDecimal: Bool {
    let digits = hasPrefix("-") ? dropFirst() : self[...]
    return !digits.isEmpty && digits.unicodeScalars.allSatisfy(Lexical.isDigit) && (digits == "0" || !digits.hasPrefix("0"))
  }
}

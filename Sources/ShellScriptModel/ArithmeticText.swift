/// Reading arithmetic expressions kept as text (`$((...))`, `((...))`, `for ((...))`).
///
/// Bash Reference Manual, 6.5 "Shell Arithmetic": inside an arithmetic expression a
/// variable may be named with or without `$`, so `(( $? ))` and `(( rc ))` both read a
/// parameter. This helper finds parameter names and the variables an expression assigns.
enum ArithmeticText {
  /// True when `text` reads `name`: `$name`, `${name}`, or (for variable names) bare `name`.
  static func references(_ text: String, parameter name: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    let target = Array(name.unicodeScalars)
    guard !target.isEmpty else { return false }
    let isVariable = Lexical.isNameStart(target[0])
    var index = 0
    while index < scalars.count {
      let c = scalars[index]
      if c == "$" {
        var start = index + 1
        if start < scalars.count, scalars[start] == "{" { start += 1 }
        if matches(scalars, at: start, target), !continuesName(scalars, after: start + target.count, isVariable) {
          return true
        }
        index += 1
      } else if isVariable, Lexical.isNameStart(c) {
        var stop = index
        while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
        if stop - index == target.count, matches(scalars, at: index, target) { return true }
        index = stop
      } else {
        index += 1
      }
    }
    return false
  }

  /// Variable names the expression assigns (`x=1`, `x+=2`, `x++`, `--x`).
  static func assignedVariables(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var names: [String] = []
    var index = 0
    while index < scalars.count {
      let c = scalars[index]
      guard Lexical.isNameStart(c), index == 0 || !Lexical.isNameCharacter(scalars[index - 1]), index == 0 || scalars[index - 1] != "$" else {
        index += 1
        continue
      }
      var stop = index
      while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
      let name = String(String.UnicodeScalarView(scalars[index..<stop]))
      var after = stop
      while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
      var before = index - 1
      while before >= 0, scalars[before] == " " || scalars[before] == "\t" { before -= 1 }
      let next = after < scalars.count ? scalars[after] : " "
      let next2 = after + 1 < scalars.count ? scalars[after + 1] : " "
      let assigns =
        (next == "=" && next2 != "=")
        || ("+-*/%&|^".unicodeScalars.contains(next) && next2 == "=")
        || (next == "+" && next2 == "+") || (next == "-" && next2 == "-")
        || (before >= 1 && ((scalars[before] == "+" && scalars[before - 1] == "+") || (scalars[before] == "-" && scalars[before - 1] == "-")))
        || ((next == "<" && next2 == "<") || (next == ">" && next2 == ">")) && after + 2 < scalars.count && scalars[after + 2] == "="
      if assigns, !names.contains(name) { names.append(name) }
      index = stop
    }
    return names
  }

  private static func matches(_ scalars: [Unicode.Scalar], at start: Int, _ target: [Unicode.Scalar]) -> Bool {
    guard start + target.count <= scalars.count else { return false }
    for k in 0..<target.count where scalars[start + k] != target[k] { return false }
    return true
  }

  private static func continuesName(_ scalars: [Unicode.Scalar], after index: Int, _ isVariable: Bool) -> Bool {
    isVariable && index < scalars.count && Lexical.isNameCharacter(scalars[index])
  }
}

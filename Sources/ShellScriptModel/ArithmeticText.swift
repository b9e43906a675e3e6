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

  /// Variable names the expression assigns (`x=1`, `x+=2`, `x++`, `--x`, `a[i]=1`).
  static func assignedVariables(_ text: String) -> [String] {
    var names: [String] = []
    for assignment in assignments(text) where !names.contains(assignment.name) { names.append(assignment.name) }
    return names
  }

  static let maximumSubscriptLength = 256

  /// The assignments the expression makes, in order: the variable and, for an array
  /// element (`a[i]=1`, `BASH_CMDS[sam]=1`, `a[i]++`), the subscript text. Names inside a
  /// subscript are read too (`a[PATH=1]` assigns `PATH`), as are names in `$((...))`
  /// written inside the text. Linear in the text's length: every bracket's partner is
  /// found in one pass first.
  static func assignments(_ text: String) -> [(name: String, subscript: String?)] {
    let scalars = Array(text.unicodeScalars)
    let closing = closingBrackets(scalars)
    var found: [(name: String, subscript: String?)] = []
    var seen: Set<String> = []
    var index = 0
    while index < scalars.count {
      let c = scalars[index]
      guard Lexical.isNameStart(c), index == 0 || !Lexical.isNameCharacter(scalars[index - 1]),
        index == 0 || (scalars[index - 1] != "$" && scalars[index - 1] != "#")
      else {
        index += 1
        continue
      }
      var stop = index
      while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
      let name = String(String.UnicodeScalarView(scalars[index..<stop]))
      var after = skipBlanks(scalars, from: stop)
      var subscriptRange: Range<Int>?
      if after < scalars.count, scalars[after] == "[", let close = closing[after] {
        subscriptRange = (after + 1)..<close
        after = skipBlanks(scalars, from: close + 1)
      }
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
      if assigns {
        // A subscript longer than `maximumSubscriptLength` is kept as "" (not a key the
        // walk knows), so nested subscripts cannot make the reading quadratic.
        let subscriptText = subscriptRange.map { $0.count <= maximumSubscriptLength ? String(String.UnicodeScalarView(scalars[$0])) : "" }
        if seen.insert(name + "[" + (subscriptText ?? "")).inserted { found.append((name, subscriptText)) }
      }
      index = stop
    }
    return found
  }

  /// The variables the expression reads or writes by name: bare (`x`, `a[i]`), `$x` and
  /// `${x}`, each once, in order. Bash evaluates the value of a variable named in an
  /// expression as an expression in turn (6.5 "Shell Arithmetic": "the value of a
  /// variable is evaluated as an arithmetic expression when it is referenced"), so a
  /// value can assign other variables. Digits after a base (`16#ff`) are not names.
  static func names(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var names: [String] = []
    var seen: Set<String> = []
    var index = 0
    while index < scalars.count {
      let c = scalars[index]
      guard Lexical.isNameStart(c), index == 0 || !Lexical.isNameCharacter(scalars[index - 1]), index == 0 || scalars[index - 1] != "#" else {
        index += 1
        continue
      }
      var stop = index
      while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
      let name = String(String.UnicodeScalarView(scalars[index..<stop]))
      if seen.insert(name).inserted { names.append(name) }
      index = stop
    }
    return names
  }

  /// The plain parameter references `$NAME` and `${NAME}` in the text (scalar ranges),
  /// in order; other `${...}` forms and `$(...)` are left out.
  static func parameterReferences(_ text: String) -> [(range: Range<Int>, name: String)] {
    let scalars = Array(text.unicodeScalars)
    var found: [(range: Range<Int>, name: String)] = []
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "$", index + 1 < scalars.count else {
        index += 1
        continue
      }
      let braced = scalars[index + 1] == "{"
      let start = index + (braced ? 2 : 1)
      var stop = start
      if stop < scalars.count, Lexical.isNameStart(scalars[stop]) {
        while stop < scalars.count, Lexical.isNameCharacter(scalars[stop]) { stop += 1 }
      }
      if stop > start, !braced || (stop < scalars.count && scalars[stop] == "}") {
        let end = braced ? stop + 1 : stop
        found.append((index..<end, String(String.UnicodeScalarView(scalars[start..<stop]))))
        index = end
      } else {
        index = start
      }
    }
    return found
  }

  private static func skipBlanks(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var index = start
    while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    return index
  }

  /// For each `[`, the index of the `]` that closes it (brackets nest); unclosed ones
  /// are absent.
  private static func closingBrackets(_ scalars: [Unicode.Scalar]) -> [Int: Int] {
    var closing: [Int: Int] = [:]
    var open: [Int] = []
    for (index, c) in scalars.enumerated() {
      if c == "[" { open.append(index) }
      if c == "]", let start = open.popLast() { closing[start] = index }
    }
    return closing
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

import Diagnostics

extension ShellScript {
  /// The bash-only constructs written anywhere in the script (function bodies and command
  /// substitutions included), in source order. Left out: `echo -e` (dash prints `-e`),
  /// expansions inside `$(( ))` text, and `set -o` options that cannot end the script (in
  /// a subshell, or after a subshell that tried them: `(set -o pipefail) 2>/dev/null && set
  /// -o pipefail`).
  public var bashOnlySyntax: [BashOnlySyntax] {
    var scan = BashOnlySyntaxScan(guarded: BashOnlySyntaxScan.guardedSetCommands(in: statements))
    SyntaxWalk.forEachStatement(in: statements) { scan.visit($0) }
    return scan.found.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
  }
}

/// One pass over a script's statements for `ShellScript.bashOnlySyntax`.
struct BashOnlySyntaxScan {
  /// Where the `set` commands are whose error cannot end the script.
  let guarded: Set<SourceLocation>
  private(set) var found: [BashOnlySyntax] = []

  init(guarded: Set<SourceLocation>) { self.guarded = guarded }

  private mutating func add(_ construct: String, _ outcome: BashOnlySyntax.Outcome, _ location: SourceLocation) {
    found.append(BashOnlySyntax(construct: construct, underDash: outcome, location: location))
  }

  mutating func visit(_ statement: Statement) {
    for redirection in statement.redirections { visit(redirection) }
    switch statement.kind {
    case .conditional(let command): add("`[[ ]]`", .notFound("[["), command.location)
    case .arithmetic(let command):
      add("the arithmetic command `(( ))`", .readOtherwise("reads it as two nested subshells running the expression's words as a command (`((n > 1))` runs `n` and writes a file named `1`; `((1 + 1))` is `1: not found`)"), command.location)
    case .coprocess(let coprocess):
      if case .simple = coprocess.command.kind { add("`coproc`", .notFound("coproc"), statement.location) }
      else { add("`coproc`", .syntaxError(nil), statement.location) }
    case .functionDefinition(let definition) where definition.usesFunctionKeyword:
      add("the `function` keyword", .readOtherwise("stops with a syntax error: at once for `function f() {`; for `function f {` after running a command named `function` (not found) and the body as a plain group"), definition.location)
    case .forClause(let clause) where clause.isSelect: add("`select`", .syntaxError("\"do\" unexpected"), statement.location)
    case .forClause(let clause):
      switch clause.header {
      case .arithmetic: add("the arithmetic `for (( ))` loop", .syntaxError("Bad for loop variable"), statement.location)
      case .words(_, let words): visitBraces(words ?? [])
      }
    case .caseClause(let clause):
      for item in clause.items where item.terminator == .fallThrough || item.terminator == .continueMatching {
        add("the case terminator `\(item.terminator.rawValue)`", .syntaxError(nil), item.location)
      }
    case .pipeline(let pipeline) where pipeline.operators.contains(.pipeStandardError):
      add("the pipe `|&`", .syntaxError("\"&\" unexpected"), statement.location)
    case .simple(let command):
      for assignment in command.assignments { visit(assignment) }
      for redirection in command.redirections { visit(redirection) }
      visit(command)
    default: break
    }
    SyntaxWalk.forEachWord(in: statement, descend: false) { word in visit(word.parts) }
  }

  private mutating func visit(_ assignment: Assignment) {
    if case .array = assignment.value {
      add("an array assignment", .syntaxError("\"(\" unexpected"), assignment.location)
    } else if assignment.arrayIndex != nil || assignment.subscriptWord != nil {
      add("an array element assignment", .notFound("\(assignment.name)[...]=..."), assignment.location)
    } else if assignment.isAppend {
      add("the `+=` assignment", .notFound("\(assignment.name)+=..."), assignment.location)
    }
  }

  private mutating func visit(_ redirection: Redirection) {
    switch redirection.op {
    case _ where redirection.fileDescriptorVariable != nil:
      let name = redirection.fileDescriptorVariable!
      add("a descriptor variable `{fd}>`", .readOtherwise("reads `{\(name)}` as a word of the command (`exec {\(name)}>FILE` is `exec: {\(name)}: not found`, which ends the script)"), redirection.location)
    case .hereString: add("the here-string `<<<`", .syntaxError("redirection unexpected"), redirection.location)
    case .outputAndError:
      add("`&>`", .readOtherwise("reads `&` and then `>`: it runs the command in the background (its status is always 0) and only empties the file"), redirection.location)
    case .appendOutputAndError:
      add("`&>>`", .readOtherwise("reads `&` and then `>>`: it runs the command in the background (its status is always 0) and the file gets none of its output"), redirection.location)
    case .duplicateOutput, .duplicateInput:
      // `>&2` and `>&-` are POSIX; `>& file` (bash: both streams to the file) is not.
      if let target = redirection.target?.literalValue, target != "-", !target.allSatisfy({ $0.isASCII && $0.isNumber }) {
        add("`\(redirection.op.rawValue) FILE`", .syntaxError("Bad fd number"), redirection.location)
      }
    default: break
    }
  }

  /// Brace expansions among `words`: bash expands them in command words and `for` words
  /// only (not in assignments, case patterns or here-documents).
  private mutating func visitBraces(_ words: [Word]) {
    for word in words {
      for part in word.parts {
        if case .literal(let text) = part.kind, Self.hasBraceExpansion(text) {
          add("brace expansion `{a,b}`", .readOtherwise("leaves the braces as they are: `{1..3}` stays one word, `{1..3}`"), part.location)
        }
      }
    }
  }

  private mutating func visit(_ command: SimpleCommand) {
    visitBraces(command.words)
    guard let name = command.name?.literalValue else { return }
    let arguments = command.words.dropFirst().map(\.literalValue)
    let nameLocation = command.words[0].location
    if BashOnlySyntax.bashOnlyBuiltins.contains(name) {
      add("`\(name)`", .notFound(name), nameLocation)
      return
    }
    switch name {
    case "set":
      guard !guarded.contains(nameLocation) else { return }
      for option in Self.setOptionNames(arguments) where !BashOnlySyntax.dashOptionNames.contains(option) {
        add("`set -o \(option)`", .fatalError("set: Illegal option -o \(option)"), nameLocation)
      }
    case "[", "test":
      let operands = name == "[" && arguments.last == "]" ? Array(arguments.dropLast()) : arguments
      if let index = Self.binaryOperatorIndex(of: "==", in: operands) {
        add("`==` in `\(name)`", .fails("\(name): \(operands[index - 1] ?? "WORD"): unexpected operator"), command.words[index + 1].location)
      }
      if operands.first == "-v" || operands.first == "-R" {
        add("`\(name) \(operands[0]!)`", .fails("\(name): \(operands[0]!): unexpected operator"), command.words[1].location)
      }
    case "local", "export", "readonly":
      // dash takes `export -p` and `readonly -p`, and no option of `local`.
      // `local -` (the options, made local) is dash's too.
      if let option = arguments.first.flatMap({ $0 }), option.hasPrefix("-"), option != "--", option != "-" || name != "local",
        name == "local" || option != "-p"
      {
        let error = name == "local" ? "local: \(option): bad variable name" : "\(name): Illegal option \(option)"
        add("`\(name) \(option)`", .fatalError(error), command.words[1].location)
      }
    case "read", "printf", "wait":
      // dash's read takes -p and -r; its printf and wait no option.
      // Options run up to `--` or the first operand; `printf "-%s"` is a format bash
      // refuses too, so only letters count.
      let allowed: Set<Character> = name == "read" ? ["p", "r"] : []
      for (offset, argument) in arguments.enumerated() {
        guard let option = argument, option.hasPrefix("-"), option.count > 1, option != "--",
          option.dropFirst().allSatisfy({ $0.isASCII && $0.isLetter })
        else { break }
        if let letter = option.dropFirst().first(where: { !allowed.contains($0) }) {
          add("`\(name) -\(letter)`", .fails("\(name): Illegal option -\(letter)"), command.words[offset + 1].location)
          break
        }
        // read's -p takes the prompt as its next argument.
        if name == "read", option.hasSuffix("p") { break }
      }
    case "trap":
      for case let signal? in arguments.dropFirst() where ["ERR", "DEBUG", "RETURN"].contains(signal) {
        add("`trap ... \(signal)`", .readOtherwise("fails with `trap: \(signal): bad trap` (status 1: under `set -e` the script stops there) and sets no \(signal) handler"), nameLocation)
      }
    default: break
    }
  }

  /// Parameter expansions, process substitutions, array literals, `$'...'` quoting,
  /// arithmetic and `$(< file)` among `parts` (not inside command substitutions: their
  /// statements are visited on their own).
  private mutating func visit(_ parts: [WordPart]) {
    for part in parts {
      switch part.kind {
      case .doubleQuoted(let inner): visit(inner)
      case .processSubstitution(_, let isOutput):
        add("process substitution `\(isOutput ? ">" : "<")( )`", .syntaxError("\"(\" unexpected"), part.location)
      case .arrayLiteral: add("an array assignment", .syntaxError("\"(\" unexpected"), part.location)
      case .ansiCQuoted:
        add("`$'...'` quoting", .readOtherwise("reads `$` and a single-quoted string: `$'\\n'` is the three characters `$`, `\\` and `n`"), part.location)
      case .arithmetic(let text):
        let own = Self.withoutExpansions(Array(text.unicodeScalars))
        if let (reason, expecting) = Self.bashOnlyArithmetic(own) {
          add("\(reason) in `$(( ))`", .fatalError("arithmetic expression: expecting \(expecting)"), part.location)
        }
        for name in ArithmeticText.names(String(String.UnicodeScalarView(own))) where BashOnlySyntax.bashOnlyVariables.contains(name) {
          add("`\(name)` in `$(( ))`", .readOtherwise("has no `\(name)`: it counts as 0"), part.location)
        }
      case .commandSubstitution(let substitution) where Self.readsFileOnly(substitution):
        add("`$(< FILE)`", .readOtherwise("runs an empty command with the file as its input: the substitution is empty"), part.location)
      case .parameter(let expansion) where BashOnlySyntax.bashOnlyVariables.contains(expansion.parameter):
        add("`$\(expansion.parameter)`", .readOtherwise("has no `\(expansion.parameter)`: the expansion is empty"), part.location)
      case .parameter(let expansion):
        if expansion.isIndirect && expansion.parameter == "#" {
          add("`${!#}`", .readOtherwise("expands `$!` (the last background job's process ID), not the last argument"), part.location)
        } else if let construct = Self.bashOnlyConstruct(expansion) {
          add(construct, .badSubstitution, part.location)
        }
        for word in expansion.operation.words { visit(word.parts) }
      default: break
      }
    }
  }

  /// What makes `expansion` bash's, or nil for a POSIX expansion.
  private static func bashOnlyConstruct(_ expansion: ParameterExpansion) -> String? {
    if expansion.isIndirect { return "the indirect expansion `${!name}`" }
    if expansion.arrayIndex != nil { return "an array subscript `${name[...]}`" }
    switch expansion.operation {
    case .substring: return "the substring expansion `${name:offset:length}`"
    case .replace: return "the replacement expansion `${name/pattern/string}`"
    case .upperCase, .lowerCase, .toggleCase: return "a case-changing expansion (`${name^^}`, `${name,,}`)"
    case .transform: return "an `@` transformation (`${name@Q}`)"
    case .matchingNames: return "the name-matching expansion `${!prefix*}`"
    default: return nil
    }
  }

  /// The `-o` option names among `set`'s arguments, up to `--`, `-` or its first operand
  /// (`set -- -o pipefail` sets the positional parameters). Nil arguments (not literal)
  /// end the options.
  static func setOptionNames(_ arguments: [String?]) -> [String] {
    var names: [String] = []
    var index = 0
    while index < arguments.count, let argument = arguments[index], argument.count > 1,
      argument != "--", argument.hasPrefix("-") || argument.hasPrefix("+")
    {
      index += 1
      // `-euo pipefail`: each `o` in the cluster takes the next argument as its name.
      for _ in argument.dropFirst().filter({ $0 == "o" }) where index < arguments.count {
        if let name = arguments[index] { names.append(name) }
        index += 1
      }
    }
    return names
  }

  /// The index of `op` used as a binary operator in a `test` expression (its neighbours
  /// are operands, not operators): `a == b` → 1; `"$x" = "=="` → nil.
  static func binaryOperatorIndex(of op: String, in operands: [String?]) -> Int? {
    let operators: Set<String> = ["=", "!=", "==", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-a", "-o", "!", "(", ")"]
    return operands.indices.first { index in
      index > 0 && index + 1 < operands.count && operands[index] == op
        && !operators.contains(operands[index - 1] ?? "") && !operators.contains(operands[index + 1] ?? "")
    }
  }

  /// Whether unquoted literal text holds a brace expansion: `{` and a matching `}` with a
  /// comma or `..` between them and no blank (`{}` and `{x}` stay literal in bash too).
  static func hasBraceExpansion(_ text: String) -> Bool {
    var open: String.Index?
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character == "{" { open = index }
      if character == "}", let start = open {
        let inner = text[text.index(after: start)..<index]
        if inner.contains(",") || (inner.contains("..") && !inner.hasPrefix("..") && !inner.hasSuffix("..")) { return true }
        open = nil
      }
      if character == " " || character == "\t" { open = nil }
      index = text.index(after: index)
    }
    return false
  }

  /// What in `$(( ))` text (`scalars`, its nested expansions already replaced:
  /// `withoutExpansions`) dash's arithmetic does not have: `++`/`--`, `**`, a base
  /// (`16#ff`) or an array element, with what dash's error says it expected there; nil
  /// for POSIX arithmetic.
  static func bashOnlyArithmetic(_ scalars: [Unicode.Scalar]) -> (String, expecting: String)? {
    let isName = Lexical.isNameCharacter
    func isOperandStart(_ scalar: Unicode.Scalar) -> Bool { isName(scalar) || scalar == "(" || scalar == "$" }
    for (index, scalar) in scalars.enumerated() where index + 1 < scalars.count {
      let next = scalars[index + 1]
      // `x++` and `x--` (postfix) are bash's; `++x`, `1--1` and `1++1` read as unary
      // operators in dash too.
      if (scalar == "+" || scalar == "-") && next == scalar, index > 0, isName(scalars[index - 1]),
        !(scalars[(index + 2)...].first { $0 != " " }.map(isOperandStart) ?? false)
      {
        return ("`\(scalar)\(scalar)`", "primary")
      }
      if scalar == "*" && next == "*" { return ("`**`", "primary") }
      if ("0"..."9").contains(scalar) && next == "#" { return ("a base (`16#ff`)", "EOF") }
      if isName(scalar) && next == "[" { return ("an array element", "EOF") }
    }
    return nil
  }

  /// `text` with every `$(...)`, `${...}` and `$name` replaced by `0`: the arithmetic
  /// operators are judged on the expression's own text (nested expansions are parsed, and
  /// scanned, as words of their own where the parser reads them).
  static func withoutExpansions(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "$", index + 1 < scalars.count else {
        result.append(scalars[index])
        index += 1
        continue
      }
      let open = scalars[index + 1]
      if open == "(" || open == "{" {
        let close: Unicode.Scalar = open == "(" ? ")" : "}"
        var depth = 0
        var end = index + 1
        while end < scalars.count {
          if scalars[end] == open { depth += 1 }
          if scalars[end] == close { depth -= 1; if depth == 0 { break } }
          end += 1
        }
        index = end + 1
      } else {
        index += 1
        while index < scalars.count, Lexical.isNameCharacter(scalars[index]) { index += 1 }
      }
      result.append("0")
    }
    return result
  }

  /// `$(< file)`: one command of no words, only an input redirection.
  static func readsFileOnly(_ substitution: CommandSubstitution) -> Bool {
    guard substitution.statements.count == 1, case .simple(let command) = substitution.statements[0].kind else { return false }
    return command.words.isEmpty && command.assignments.isEmpty && command.redirections.count == 1 && command.redirections[0].op == .input
  }

  /// The `set` commands whose error cannot end the script: inside a subshell (the error
  /// ends the subshell), and after a subshell that tried a `set -o` in the same `&&` list or
  /// `if` condition (they run only where the subshell succeeded).
  static func guardedSetCommands(in statements: [Statement]) -> Set<SourceLocation> {
    var guarded: Set<SourceLocation> = []
    func setCommands(in statements: [Statement]) -> [SimpleCommand] {
      var found: [SimpleCommand] = []
      SyntaxWalk.forEachStatement(in: statements) { statement in
        if let command = statement.simpleCommand, command.name?.literalValue == "set" { found.append(command) }
      }
      return found
    }
    func locations(of statements: [Statement]) -> [SourceLocation] { setCommands(in: statements).map(\.words[0].location) }
    /// A subshell that tries a `set -o` option dash lacks: `(set -o pipefail) 2>/dev/null`.
    func isProbe(_ statement: Statement) -> Bool {
      guard case .subshell(let list) = statement.kind else { return false }
      return setCommands(in: list).contains { command in
        setOptionNames(command.words.dropFirst().map(\.literalValue)).contains { !BashOnlySyntax.dashOptionNames.contains($0) }
      }
    }
    SyntaxWalk.forEachStatement(in: statements) { statement in
      switch statement.kind {
      case .subshell(let list): guarded.formUnion(locations(of: list))
      case .andOr(let list):
        if let first = list.items.first, isProbe(first), list.operators.first == .and {
          guarded.formUnion(locations(of: Array(list.items.dropFirst())))
        }
      case .ifClause(let clause):
        for branch in clause.branches where branch.condition.contains(where: isProbe) {
          guarded.formUnion(locations(of: branch.body))
        }
      default: break
      }
    }
    return guarded
  }
}

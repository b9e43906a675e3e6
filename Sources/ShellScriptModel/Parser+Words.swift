import Diagnostics

/// How a word ends, by where it is read.
enum WordMode {
  /// An ordinary word: ends at an unquoted metacharacter.
  case command
  /// A word inside `[[ ]]`: ends at a blank; after `=~` parentheses and `|` belong to the regex.
  case conditional(regex: Bool)
  /// The operand of `${NAME op word}`: ends at `}` (or at `/` for a replace pattern).
  case braceOperand(inDoubleQuotes: Bool, stopAtSlash: Bool)
}

extension Parser {
  /// Counts a word of the script against `ParseSession.maximumWords`: every word the parse
  /// makes, those `readWord` reads and the operators of `[[ ]]` (`(`, `)`, `&&`, `<`),
  /// each of which is a word of the conditional. (Uncounted, `[[ ((…a…)) ]]` nested
  /// 2,000,000 deep, a 4 MB script, took 2.7 GB.)
  ///
  /// - Throws: `InputError` at `start` for the first word past the limit.
  func countWord(at start: Int) throws(InputError) {
    try session.count(.word, at: location(start))
  }

  /// Counts a quoted string or expansion against `ParseSession.maximumParts` (the parts
  /// between them are literal runs, at most one each). Each becomes a part of its word,
  /// resolved and kept once per config env walk: one word of 2,000,000 `$X` (a 4 MB
  /// script) had taken 1.2 GB.
  ///
  /// - Throws: `InputError` at `start` for the first one past the limit.
  func countPart(at start: Int) throws(InputError) {
    try session.count(.part, at: location(start))
  }

  /// Reads one word starting at `index`.
  func readWord(_ mode: WordMode) throws(InputError) -> Word {
    let start = index
    try countWord(at: start)
    var builder = PartsBuilder()
    var parenthesisDepth = 0
    // Inside `NAME[...` at the start of a command (3.4 "Shell Parameters", 6.7 "Arrays"):
    // bash reads the subscript up to its matching `]` with blanks and metacharacters in
    // it, so `a[i + 1]=x` is one word.
    var subscriptDepth = 0
    var subscriptStart = 0
    scan: while index < end {
      let c = source[index]
      switch mode {
      case .command:
        if subscriptDepth > 0 {
          if c == "[" { subscriptDepth += 1 }
          if c == "]" { subscriptDepth -= 1 }
          if Lexical.isMetacharacter(c) || c == "[" || c == "]" {
            builder.appendLiteral(c, at: self.location(index))
            index += 1
            continue scan
          }
        } else if c == "[", !readsArguments, let literal = builder.onlyLiteral, let first = literal.first, Lexical.isNameStart(first),
          literal.allSatisfy(Lexical.isNameCharacter)
        {
          subscriptDepth = 1
          subscriptStart = index
          builder.appendLiteral(c, at: self.location(index))
          index += 1
          continue scan
        }
        if c == "(" {
          if let literal = builder.onlyLiteral, Self.isArrayAssignmentPrefix(literal) {
            try readArrayLiteral(into: &builder)
            continue scan
          }
          if let last = builder.lastLiteralScalar, "?*+@!".unicodeScalars.contains(last) {
            try readExtendedGlob(into: &builder)
            continue scan
          }
          break scan
        }
        if (c == "<" || c == ">"), index == start, scalar(at: 1) == "(" {
          try readProcessSubstitution(into: &builder)
          continue scan
        }
        if Lexical.isMetacharacter(c) { break scan }
      case .conditional(let regex):
        if c == " " || c == "\t" || c == "\n" { break scan }
        if c == "(" && (regex || index > start || parenthesisDepth > 0) {
          parenthesisDepth += 1
          builder.appendLiteral(c, at: self.location(index))
          index += 1
          continue scan
        }
        if c == ")" && parenthesisDepth > 0 {
          parenthesisDepth -= 1
          builder.appendLiteral(c, at: self.location(index))
          index += 1
          continue scan
        }
        if parenthesisDepth > 0 && (c == "|" || c == "<" || c == ">" || c == "&") {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
          continue scan
        }
        // `[[ $x =~ a|b ]]`: bash reads `|` as part of the regex up to the next blank
        // (`a||b` too; bash 5.2).
        if regex && c == "|" {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
          continue scan
        }
        if Lexical.isMetacharacter(c) { break scan }
      case .braceOperand(_, let stopAtSlash):
        if c == "}" || (stopAtSlash && c == "/") { break scan }
      }
      switch c {
      case "\\":
        guard index + 1 < end else {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
          continue scan
        }
        let escapedScalar = source[index + 1]
        if escapedScalar == "\n" {
          index += 2
        } else {
          builder.appendEscaped(escapedScalar, at: self.location(index))
          index += 2
        }
      case "'":
        if case .braceOperand(true, _) = mode {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
        } else {
          builder.append(try readSingleQuoted())
        }
      case "\"":
        builder.append(try readDoubleQuoted(localized: false))
      case "$":
        if let part = try readDollar(inDoubleQuotes: false) {
          builder.append(part)
        } else {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
        }
      case "`":
        builder.append(try readBackquoted(inDoubleQuotes: false))
      case "~" where index == start:
        if case .command = mode {
          builder.append(readTilde())
        } else {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
        }
      default:
        builder.appendLiteral(c, at: self.location(index))
        index += 1
      }
    }
    if subscriptDepth > 0 { throw error("unterminated array subscript: '[' has no matching ']'", at: subscriptStart) }
    return Word(parts: builder.finish(), location: location(start), text: text(start, index))
  }

  static func isArrayAssignmentPrefix(_ scalars: [Unicode.Scalar]) -> Bool {
    guard scalars.count >= 2, scalars.last == "=", Lexical.isNameStart(scalars[0]) else { return false }
    var position = 1
    while position < scalars.count, Lexical.isNameCharacter(scalars[position]) { position += 1 }
    if position < scalars.count, scalars[position] == "[" {
      guard let close = scalars[position...].firstIndex(of: "]") else { return false }
      position = close + 1
    }
    if position < scalars.count, scalars[position] == "+" { position += 1 }
    return position == scalars.count - 1
  }

  /// `'...'`: everything up to the next single quote, taken literally (3.1.2.2).
  func readSingleQuoted() throws(InputError) -> WordPart {
    let open = index
    try countPart(at: open)
    index += 1
    let contentStart = index
    while index < end, source[index] != "'" { index += 1 }
    guard index < end else {
      throw unterminatedQuote("unterminated single-quoted string: no closing ' before the end of the file", at: open)
    }
    noteQuote(open: open, close: index)
    let content = text(contentStart, index)
    index += 1
    return WordPart(.singleQuoted(content), at: location(open))
  }

  /// `"..."` (or `$"..."` when `localized`): 3.1.2.3. Backslash keeps its meaning only
  /// before `$`, `` ` ``, `"`, `\` and newline; `$` and backquotes expand.
  func readDoubleQuoted(localized: Bool) throws(InputError) -> WordPart {
    let open = index
    try countPart(at: open)
    index += localized ? 2 : 1
    var builder = PartsBuilder()
    while true {
      guard index < end else {
        throw unterminatedQuote("unterminated double-quoted string: no closing \" before the end of the file", at: open)
      }
      let c = source[index]
      switch c {
      case "\"":
        noteQuote(open: open, close: index)
        index += 1
        return WordPart(.doubleQuoted(builder.finish()), at: location(open))
      case "\\":
        let next = scalar(at: 1)
        if next == "\n" {
          index += 2
        } else if let next, next == "$" || next == "`" || next == "\"" || next == "\\" {
          builder.appendLiteral(next, at: self.location(index))
          index += 2
        } else {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
        }
      case "$":
        if let part = try readDollar(inDoubleQuotes: true) {
          builder.append(part)
        } else {
          builder.appendLiteral(c, at: self.location(index))
          index += 1
        }
      case "`":
        builder.append(try readBackquoted(inDoubleQuotes: true))
      default:
        builder.appendLiteral(c, at: self.location(index))
        index += 1
      }
    }
  }

  /// `$'...'`: 3.1.2.4 ANSI-C quoting, decoded.
  func readANSICQuoted() throws(InputError) -> WordPart {
    let open = index
    index += 2
    var decoded = String.UnicodeScalarView()
    while true {
      guard index < end else {
        throw error("unterminated $'...' string: no closing ' before the end of the file", at: open)
      }
      let c = source[index]
      if c == "'" {
        index += 1
        return WordPart(.ansiCQuoted(String(decoded)), at: location(open))
      }
      guard c == "\\", index + 1 < end else {
        decoded.append(c)
        index += 1
        continue
      }
      let e = source[index + 1]
      index += 2
      switch e {
      case "n": decoded.append("\n")
      case "t": decoded.append("\t")
      case "r": decoded.append("\r")
      case "a": decoded.append("\u{07}")
      case "b": decoded.append("\u{08}")
      case "e", "E": decoded.append("\u{1B}")
      case "f": decoded.append("\u{0C}")
      case "v": decoded.append("\u{0B}")
      case "\\", "'", "\"", "?": decoded.append(e)
      case "x", "u", "U":
        let limit = e == "x" ? 2 : (e == "u" ? 4 : 8)
        var value: UInt32 = 0
        var count = 0
        while count < limit, index < end, let digit = source[index].hexDigitValue {
          value = value * 16 + digit
          index += 1
          count += 1
        }
        if count == 0 {
          decoded.append("\\")
          decoded.append(e)
        } else if let scalar = Unicode.Scalar(value) {
          decoded.append(scalar)
        }
      case "0"..."7":
        var value = e.value - 48
        var count = 1
        while count < 3, index < end, source[index] >= "0", source[index] <= "7" {
          value = value * 8 + source[index].value - 48
          index += 1
          count += 1
        }
        if let scalar = Unicode.Scalar(value & 0xFF) { decoded.append(scalar) }
      case "c":
        if index < end {
          if let scalar = Unicode.Scalar(source[index].value & 0x1F) { decoded.append(scalar) }
          index += 1
        }
      default:
        decoded.append("\\")
        decoded.append(e)
      }
    }
  }


  /// `~` or `~user` at the start of a word (3.5.2).
  func readTilde() -> WordPart {
    let start = index
    index += 1
    while index < end, Lexical.isNameCharacter(source[index]) || source[index] == "-" || source[index] == "." { index += 1 }
    return WordPart(.tilde(text(start + 1, index)), at: location(start))
  }

  /// Whatever starts with `$` at `index`; nil when the `$` is literal.
  func readDollar(inDoubleQuotes: Bool) throws(InputError) -> WordPart? {
    let start = index
    guard let part = try readExpansion(inDoubleQuotes: inDoubleQuotes) else { return nil }
    try countPart(at: start)
    return part
  }

  /// `readDollar` before the part is counted.
  private func readExpansion(inDoubleQuotes: Bool) throws(InputError) -> WordPart? {
    let start = index
    guard let next = scalar(at: 1) else { return nil }
    switch next {
    case "(":
      if scalar(at: 2) == "(" {
        switch scanArithmetic(from: index + 3) {
        case .closed(let close):
          let expression = text(index + 3, close)
          index = close + 2
          return WordPart(.arithmetic(expression), at: location(start))
        case .unterminated:
          throw error("unterminated arithmetic expansion: '$((' has no matching '))' before the end of the file", at: start)
        case .notArithmetic:
          break
        }
      }
      return try readCommandSubstitution()
    case "{":
      return try readBracedParameter(inDoubleQuotes: inDoubleQuotes)
    case "'":
      return inDoubleQuotes ? nil : try readANSICQuoted()
    case "\"":
      return inDoubleQuotes ? nil : try readDoubleQuoted(localized: true)
    case "[":
      var position = index + 2
      var nesting = 0
      while position < end {
        if source[position] == "[" { nesting += 1 }
        if source[position] == "]" {
          if nesting == 0 { break }
          nesting -= 1
        }
        position += 1
      }
      guard position < end else {
        throw error("unterminated arithmetic expansion: '$[' has no matching ']'", at: start)
      }
      let expression = text(index + 2, position)
      index = position + 1
      return WordPart(.arithmetic(expression), at: location(start))
    default:
      var stop = index + 1
      if Lexical.isNameStart(next) {
        while stop < end, Lexical.isNameCharacter(source[stop]) { stop += 1 }
      } else if Lexical.isDigit(next) || Lexical.isSpecialParameter(next) {
        stop += 1
      } else {
        return nil
      }
      let name = text(index + 1, stop)
      let expansion = ParameterExpansion(
        parameter: name, isBraced: false, operation: .value, text: text(index, stop), location: location(start))
      index = stop
      return WordPart(.parameter(expansion), at: location(start))
    }
  }

  enum ArithmeticScan {
    case closed(Int)
    case notArithmetic
    case unterminated
  }

  /// Looks for the `))` that closes an arithmetic expression whose text starts at `from`.
  /// `.notArithmetic` when a `)` closes the outer parenthesis alone (so `$((a); (b))` is a
  /// command substitution holding subshells, as in bash).
  func scanArithmetic(from: Int) -> ArithmeticScan {
    var position = from
    var nesting = 0
    while position < end {
      let c = source[position]
      switch c {
      case "(":
        nesting += 1
      case ")":
        if nesting == 0 {
          return position + 1 < end && source[position + 1] == ")" ? .closed(position) : .notArithmetic
        }
        nesting -= 1
      case "'", "\"":
        var close = position + 1
        while close < end, source[close] != c {
          if c == "\"", source[close] == "\\" { close += 1 }
          close += 1
        }
        if close >= end { return .unterminated }
        position = close
      case "\\":
        position += 1
      default:
        break
      }
      position += 1
    }
    return .unterminated
  }

  /// `$(...)`: the commands are parsed in place up to the matching `)`.
  func readCommandSubstitution() throws(InputError) -> WordPart {
    let start = index
    let here = location(start)
    try enter(here)
    defer { leave() }
    index += 2
    lookahead = nil
    let contentStart = index
    // The substitution's commands start at command position, wherever the word is.
    let outerReadsArguments = readsArguments
    readsArguments = false
    defer { readsArguments = outerReadsArguments }
    let statements = try parseList(until: ListEnd(closesWithParenthesis: true, opener: "$(", at: here, expected: ")"))
    let close = try peek()
    guard case .control(.closeParenthesis) = close.token else {
      if case .end = close.token {
        throw InputError("command substitution '$(' is never closed: expected ')' before the end of the file", at: here)
      }
      throw unexpected(close)
    }
    let content = text(contentStart, close.start)
    consume()
    let substitution = CommandSubstitution(statements: statements, text: content, isBackquoted: false, location: here)
    return WordPart(.commandSubstitution(substitution), at: here)
  }

  /// `<(...)` or `>(...)` (3.5.6).
  func readProcessSubstitution(into builder: inout PartsBuilder) throws(InputError) {
    let start = index
    try countPart(at: start)
    let here = location(start)
    let isOutput = source[index] == ">"
    try enter(here)
    defer { leave() }
    index += 2
    lookahead = nil
    let contentStart = index
    let opener = isOutput ? ">(" : "<("
    // The substitution's commands start at command position, wherever the word is.
    let outerReadsArguments = readsArguments
    readsArguments = false
    defer { readsArguments = outerReadsArguments }
    let statements = try parseList(until: ListEnd(closesWithParenthesis: true, opener: opener, at: here, expected: ")"))
    let close = try peek()
    guard case .control(.closeParenthesis) = close.token else {
      if case .end = close.token { throw unterminated(opener, at: here, expected: ")") }
      throw unexpected(close)
    }
    let content = text(contentStart, close.start)
    consume()
    let substitution = CommandSubstitution(statements: statements, text: content, isBackquoted: false, location: here)
    builder.append(WordPart(.processSubstitution(substitution, isOutput: isOutput), at: here))
  }

  /// `` `...` ``: backslash loses its meaning before `$`, `` ` ``, `\` (and `"` inside
  /// double quotes); the remaining text is parsed as a script of its own (3.5.4).
  func readBackquoted(inDoubleQuotes: Bool) throws(InputError) -> WordPart {
    let open = index
    try countPart(at: open)
    let here = location(open)
    try enter(here)
    defer { leave() }
    index += 1
    var scalars: [Unicode.Scalar] = []
    var positions: [(line: Int, column: Int)] = []
    while true {
      guard index < end else {
        throw error("unterminated backquoted command substitution: no closing ` before the end of the file", at: open)
      }
      let c = source[index]
      if c == "`" {
        positions.append(map.position(index, hint: &lineHint))
        index += 1
        break
      }
      if c == "\\", index + 1 < end {
        let next = source[index + 1]
        if next == "$" || next == "`" || next == "\\" || (inDoubleQuotes && next == "\"") {
          scalars.append(next)
          positions.append(map.position(index, hint: &lineHint))
          index += 2
          continue
        }
      }
      scalars.append(c)
      positions.append(map.position(index, hint: &lineHint))
      index += 1
    }
    let inner = Parser(
      source: scalars, map: SourceMap(file: map.file, positions: positions), session: session, depth: depth)
    let statements = try inner.parseProgram()
    let substitution = CommandSubstitution(
      statements: statements, text: String(scalars: scalars), isBackquoted: true, location: here)
    return WordPart(.commandSubstitution(substitution), at: here)
  }

  /// `${...}`: 3.5.3 "Shell Parameter Expansion".
  func readBracedParameter(inDoubleQuotes: Bool) throws(InputError) -> WordPart {
    let start = index
    let here = location(start)
    try enter(here)
    defer { leave() }
    index += 2
    func bad() -> InputError {
      InputError("bad substitution: cannot read this '${...}' expansion", at: here)
    }
    func closeBrace() throws(InputError) {
      guard index < end else {
        throw InputError("parameter expansion '${' is never closed: expected '}' before the end of the file", at: here)
      }
      guard source[index] == "}" else { throw bad() }
      index += 1
    }
    func finish(_ parameter: String, arrayIndex sub: String? = nil, indirect: Bool = false, _ operation: ParameterExpansion.Operation) -> WordPart {
      let expansion = ParameterExpansion(
        parameter: parameter, arrayIndex: sub, isIndirect: indirect, isBraced: true, operation: operation,
        text: text(start, index), location: here)
      return WordPart(.parameter(expansion), at: here)
    }
    guard index < end else {
      throw InputError("parameter expansion '${' is never closed: expected '}' before the end of the file", at: here)
    }
    // ${#NAME}: length (but ${#} is the number of positional parameters, ${#-...} etc. operate on #).
    if source[index] == "#", let after = scalar(at: 1), after != "}",
      Lexical.isNameStart(after) || Lexical.isDigit(after) || Lexical.isSpecialParameter(after)
    {
      let save = index
      index += 1
      let name = readParameterName()
      let sub = try readSubscript()
      if let name, index < end, source[index] == "}" {
        index += 1
        return finish(name, arrayIndex: sub, .length)
      }
      index = save
    }
    var indirect = false
    // `${!name}`, `${!1}`, `${!#}`, `${!prefix*}`: indirection. `${!:-x}`, `${!-x}`,
    // `${!%%x}`: the special parameter `!` with an operator (bash and dash read them so).
    if source[index] == "!", let after = scalar(at: 1), Lexical.isNameStart(after) || Lexical.isDigit(after) || "@*#".unicodeScalars.contains(after) {
      indirect = true
      index += 1
    }
    guard let name = readParameterName() else { throw bad() }
    let sub = try readSubscript()
    guard index < end else {
      throw InputError("parameter expansion '${' is never closed: expected '}' before the end of the file", at: here)
    }
    let c = source[index]
    let c1 = scalar(at: 1)
    func operand(stopAtSlash: Bool = false) throws(InputError) -> Word {
      try readWord(.braceOperand(inDoubleQuotes: inDoubleQuotes, stopAtSlash: stopAtSlash))
    }
    if indirect, c == "*" || c == "@", c1 == "}" {
      index += 2
      return finish(name, .matchingNames)
    }
    switch c {
    case "}":
      index += 1
      return finish(name, arrayIndex: sub, indirect: indirect, .value)
    case ":":
      if let c1, "-=?+".unicodeScalars.contains(c1) {
        index += 2
        let word = try operand()
        try closeBrace()
        return finish(name, arrayIndex: sub, indirect: indirect, Self.defaultOperation(c1, word, checksNull: true))
      }
      index += 1
      let offsetStart = index
      var nesting = 0
      var colon: Int?
      while index < end {
        let s = source[index]
        if s == "{" || s == "(" || s == "[" { nesting += 1 }
        if s == ")" || s == "]" { nesting -= 1 }
        if s == "}" {
          if nesting == 0 { break }
          nesting -= 1
        }
        if s == ":" && nesting == 0 && colon == nil { colon = index }
        index += 1
      }
      let offset = text(offsetStart, colon ?? index)
      let length = colon.map { text($0 + 1, index) }
      try closeBrace()
      return finish(name, arrayIndex: sub, indirect: indirect, .substring(offset: offset, length: length))
    case "-", "=", "?", "+":
      index += 1
      let word = try operand()
      try closeBrace()
      return finish(name, arrayIndex: sub, indirect: indirect, Self.defaultOperation(c, word, checksNull: false))
    case "#", "%":
      let longest = c1 == c
      index += longest ? 2 : 1
      let word = try operand()
      try closeBrace()
      return finish(name, arrayIndex: sub, indirect: indirect, c == "#" ? .removePrefix(word, longest: longest) : .removeSuffix(word, longest: longest))
    case "/":
      index += 1
      var mode = ParameterExpansion.ReplaceMode.first
      if index < end {
        switch source[index] {
        case "/": mode = .all; index += 1
        case "#": mode = .prefix; index += 1
        case "%": mode = .suffix; index += 1
        default: break
        }
      }
      let pattern = try operand(stopAtSlash: true)
      var replacement: Word?
      if index < end, source[index] == "/" {
        index += 1
        replacement = try operand()
      }
      try closeBrace()
      return finish(name, arrayIndex: sub, indirect: indirect, .replace(pattern, with: replacement, mode: mode))
    case "^", ",", "~":
      let all = c1 == c
      index += all ? 2 : 1
      var pattern: Word?
      if index < end, source[index] != "}" { pattern = try operand() }
      try closeBrace()
      if c == "^" { return finish(name, arrayIndex: sub, indirect: indirect, .upperCase(pattern, all: all)) }
      if c == "," { return finish(name, arrayIndex: sub, indirect: indirect, .lowerCase(pattern, all: all)) }
      return finish(name, arrayIndex: sub, indirect: indirect, .toggleCase(pattern, all: all))
    case "@":
      guard let c1, Lexical.isNameStart(c1) else { throw bad() }
      index += 2
      try closeBrace()
      return finish(name, arrayIndex: sub, indirect: indirect, .transform(String(c1)))
    default:
      throw bad()
    }
  }

  static func defaultOperation(_ c: Unicode.Scalar, _ word: Word, checksNull: Bool) -> ParameterExpansion.Operation {
    switch c {
    case "-": return .useDefault(word, checksNull: checksNull)
    case "=": return .assignDefault(word, checksNull: checksNull)
    case "?": return .errorIfUnset(word, checksNull: checksNull)
    default: return .useAlternative(word, checksNull: checksNull)
    }
  }

  /// A name, positional number or special parameter at `index`.
  private func readParameterName() -> String? {
    guard index < end else { return nil }
    let c = source[index]
    let start = index
    if Lexical.isNameStart(c) {
      while index < end, Lexical.isNameCharacter(source[index]) { index += 1 }
    } else if Lexical.isDigit(c) {
      while index < end, Lexical.isDigit(source[index]) { index += 1 }
    } else if Lexical.isSpecialParameter(c) {
      index += 1
    } else {
      return nil
    }
    return text(start, index)
  }

  /// `[subscript]` after a name, as text.
  private func readSubscript() throws(InputError) -> String? {
    guard index < end, source[index] == "[" else { return nil }
    let open = index
    var nesting = 0
    index += 1
    let start = index
    while index < end {
      if source[index] == "[" { nesting += 1 }
      if source[index] == "]" {
        if nesting == 0 { break }
        nesting -= 1
      }
      index += 1
    }
    guard index < end else { throw error("unterminated array subscript: '[' has no matching ']'", at: open) }
    let sub = text(start, index)
    index += 1
    return sub
  }

  /// The `(a b c)` of `NAME=(a b c)` (6.7 "Arrays").
  func readArrayLiteral(into builder: inout PartsBuilder) throws(InputError) {
    let open = index
    let here = location(open)
    try enter(here)
    defer { leave() }
    index += 1
    var elements: [Word] = []
    while true {
      lookahead = nil
      skipBlanksAndComments()
      guard index < end else { throw unterminated("(", at: here, expected: ")") }
      let c = source[index]
      if c == "\n" {
        try advanceOverNewline()
        continue
      }
      if c == ")" {
        index += 1
        break
      }
      let before = index
      let element = try readWord(.command)
      if index == before {
        throw error("syntax error: unexpected '\(c)' in array assignment", at: before)
      }
      elements.append(element)
    }
    builder.append(WordPart(.arrayLiteral(elements), at: here))
  }

  /// `@(a|b)`, `!(x)`, `*(x)`, `+(x)`, `?(x)`: extended patterns (3.5.8.1), kept as text.
  func readExtendedGlob(into builder: inout PartsBuilder) throws(InputError) {
    let open = index
    var nesting = 0
    while index < end {
      let c = source[index]
      builder.appendLiteral(c, at: self.location(index))
      index += 1
      if c == "(" { nesting += 1 }
      if c == ")" {
        nesting -= 1
        if nesting == 0 { return }
      }
    }
    throw unterminated("(", at: location(open), expected: ")")
  }
}

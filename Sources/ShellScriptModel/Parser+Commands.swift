import Diagnostics

extension Parser {
  /// A whole script (or the text of a backquoted substitution).
  ///
  /// A statement that names a here-document before its body is known is read again at the
  /// end, when every body is recorded (only those statements, so this stays linear).
  func parseProgram() throws(InputError) -> [Statement] {
    var incomplete: [(position: Int, start: Int)] = []
    var placeholders = session.placeholders
    var statements = try parseList(until: .program) { position, start in
      if self.session.placeholders > placeholders { incomplete.append((position, start)) }
      placeholders = self.session.placeholders
    }
    let last = try peek()
    guard case .end = last.token else { throw unexpected(last) }
    for (position, start) in incomplete {
      let reader = Parser(source: source, start: start, end: end, map: map, session: session, depth: depth)
      var statement = try reader.parseAndOr()
      statement.isBackgrounded = statements[position].isBackgrounded
      statements[position] = statement
    }
    return statements
  }

  /// A list: and-or lists separated by `;`, `&` or newlines (3.2.4 "Lists of Commands"),
  /// up to a token that `listEnd` accepts (which is not consumed).
  func parseList(until listEnd: ListEnd, parsed: ((_ position: Int, _ start: Int) -> Void)? = nil) throws(InputError) -> [Statement] {
    var statements: [Statement] = []
    while true {
      try skipNewlines()
      let lexeme = try peek()
      switch lexeme.token {
      case .end:
        return statements
      case .control(.closeParenthesis):
        if listEnd.closesWithParenthesis { return statements }
        throw unexpected(lexeme, listEnd)
      case .control(.doubleSemicolon), .control(.semicolonAmpersand), .control(.doubleSemicolonAmpersand):
        if listEnd.closesWithCaseTerminator { return statements }
        throw unexpected(lexeme, listEnd)
      default:
        break
      }
      if let reserved = lexeme.token.reservedWord {
        if listEnd.keywords.contains(reserved) { return statements }
        if Token.closingWords.contains(reserved) { throw unexpected(lexeme, listEnd) }
      }
      let start = lexeme.start
      var statement = try parseAndOr()
      let separator = try peek()
      switch separator.token {
      case .control(.semicolon):
        consume()
      case .control(.ampersand):
        consume()
        statement.isBackgrounded = true
      case .newline, .end, .control(.closeParenthesis), .control(.doubleSemicolon), .control(.semicolonAmpersand),
        .control(.doubleSemicolonAmpersand):
        break
      default:
        if let reserved = separator.token.reservedWord, listEnd.keywords.contains(reserved) { break }
        throw unexpected(separator, listEnd)
      }
      statements.append(statement)
      parsed?(statements.count - 1, start)
    }
  }

  /// Pipelines joined by `&&` / `||`, with optional newlines after each operator.
  func parseAndOr() throws(InputError) -> Statement {
    let first = try parsePipeline()
    var items = [first]
    var operators: [AndOrList.Operator] = []
    while true {
      let lexeme = try peek()
      guard case .control(let op) = lexeme.token, op == .and || op == .or else { break }
      consume()
      try skipNewlines()
      operators.append(op == .and ? .and : .or)
      items.append(try parsePipeline())
    }
    if items.count == 1 { return first }
    return Statement(.andOr(AndOrList(items: items, operators: operators)), at: first.location)
  }

  /// `[time [-p]] [!] command [| command]...` (3.2.3 "Pipelines").
  func parsePipeline() throws(InputError) -> Statement {
    let start = try peek()
    var negations = 0
    while let reserved = try peek().token.reservedWord, reserved == "!" || reserved == "time" {
      consume()
      if reserved == "!" {
        negations += 1
      } else if case .word(let option) = try peek().token, option.isUnquoted("-p") {
        consume()
      }
    }
    var commands = [try parseCommand()]
    var operators: [Pipeline.Operator] = []
    while true {
      let lexeme = try peek()
      guard case .control(let op) = lexeme.token, op == .pipe || op == .pipeAmpersand else { break }
      consume()
      try skipNewlines()
      operators.append(op == .pipe ? .pipe : .pipeStandardError)
      commands.append(try parseCommand())
    }
    var result =
      commands.count == 1
      ? commands[0] : Statement(.pipeline(Pipeline(commands: commands, operators: operators)), at: commands[0].location)
    if negations % 2 == 1 {
      result = Statement(.negation(result), at: start.location)
    }
    return result
  }

  /// A simple command, a compound command with its redirections, or a function definition.
  func parseCommand() throws(InputError) -> Statement {
    let lexeme = try peek()
    var statement: Statement
    switch lexeme.token {
    case .word:
      switch lexeme.token.reservedWord {
      case "if": statement = try parseIf()
      case "while", "until": statement = try parseWhile()
      case "for", "select": statement = try parseFor()
      case "case": statement = try parseCase()
      case "function": return try parseFunctionKeyword()
      case "{": statement = try parseBraceGroup()
      case "[[": statement = try parseConditional()
      case "coproc": return try parseCoprocess()
      case let reserved? where Token.closingWords.contains(reserved): throw unexpected(lexeme)
      default: return try parseSimpleCommand()
      }
    case .redirection:
      return try parseSimpleCommand()
    case .control(.openParenthesis):
      statement = try parseSubshellOrArithmetic()
    default:
      throw unexpected(lexeme)
    }
    while case .redirection = try peek().token {
      statement.redirections.append(try parseRedirection())
    }
    return statement
  }

  /// Assignments, words and redirections up to a control operator or newline (3.2.2);
  /// `name ( )` turns it into a function definition.
  ///
  /// `leading`: a first word already read (after `coproc`).
  func parseSimpleCommand(startingWith leading: Word? = nil) throws(InputError) -> Statement {
    let first = try peek()
    var assignments: [Assignment] = []
    var words: [Word] = []
    var redirections: [Redirection] = []
    if let leading {
      if let assignment = Assignment(word: leading) { assignments.append(assignment) } else { words.append(leading) }
    }
    let outerReadsArguments = readsArguments
    defer { readsArguments = outerReadsArguments }
    scan: while true {
      readsArguments = !words.isEmpty
      let lexeme = try peek()
      switch lexeme.token {
      case .redirection:
        redirections.append(try parseRedirection())
      case .word(let word):
        consume()
        if words.isEmpty, let assignment = Assignment(word: word) {
          assignments.append(assignment)
          continue scan
        }
        words.append(word)
        readsArguments = true
        if words.count == 1, assignments.isEmpty, redirections.isEmpty,
          case .control(.openParenthesis) = try peek().token
        {
          return try parseFunctionDefinition(named: word)
        }
      default:
        break scan
      }
    }
    if assignments.isEmpty && words.isEmpty && redirections.isEmpty { throw unexpected(first) }
    try session.count(.simpleCommand, at: first.location)
    let command = SimpleCommand(assignments: assignments, words: words, redirections: redirections)
    return Statement(.simple(command), at: leading?.location ?? first.location)
  }

  /// `coproc [NAME] command` (3.2.6 "Coprocesses"). A word followed by a compound command
  /// is the NAME; otherwise the words are a simple command (as bash 5.2 reads them:
  /// `coproc time echo hi` runs the `time` program).
  func parseCoprocess() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    try enter(here)
    defer { leave() }
    let first = try peek()
    if Self.startsCompoundCommand(first.token) {
      return Statement(.coprocess(Coprocess(name: nil, command: try parseCommand())), at: here)
    }
    switch first.token {
    case .word(let word):
      if let reserved = first.token.reservedWord, Token.closingWords.contains(reserved) || reserved == "!" || reserved == "function" {
        throw unexpected(first)
      }
      consume()
      if Self.startsCompoundCommand(try peek().token) {
        return Statement(.coprocess(Coprocess(name: word, command: try parseCommand())), at: here)
      }
      return Statement(.coprocess(Coprocess(name: nil, command: try parseSimpleCommand(startingWith: word))), at: here)
    case .redirection:
      return Statement(.coprocess(Coprocess(name: nil, command: try parseSimpleCommand())), at: here)
    default:
      throw unexpected(first)
    }
  }

  /// True for the token that opens a compound command: `(`, `((`, `{`, `[[`, `if`,
  /// `while`, `until`, `for`, `select`, `case`.
  static func startsCompoundCommand(_ token: Token) -> Bool {
    if case .control(.openParenthesis) = token { return true }
    guard let reserved = token.reservedWord else { return false }
    return ["{", "[[", "if", "while", "until", "for", "select", "case"].contains(reserved)
  }

  /// `name ( ) compound-command` (3.3 "Shell Functions"); `(` is the next token.
  func parseFunctionDefinition(named word: Word) throws(InputError) -> Statement {
    let open = try next()
    guard let name = Self.functionName(word) else { throw unexpected(open) }
    let close = try next()
    guard case .control(.closeParenthesis) = close.token else { throw unexpected(close) }
    return try parseFunctionBody(name: name, nameLocation: word.location, location: word.location, usesKeyword: false)
  }

  /// `function name [( )] compound-command`.
  func parseFunctionKeyword() throws(InputError) -> Statement {
    let keyword = try next()
    let nameLexeme = try next()
    guard case .word(let word) = nameLexeme.token, let name = Self.functionName(word) else {
      if case .end = nameLexeme.token { throw unterminated("function", at: keyword.location, expected: "a function name") }
      throw unexpected(nameLexeme)
    }
    if case .control(.openParenthesis) = try peek().token {
      consume()
      let close = try next()
      guard case .control(.closeParenthesis) = close.token else { throw unexpected(close) }
    }
    return try parseFunctionBody(name: name, nameLocation: word.location, location: keyword.location, usesKeyword: true)
  }

  static func functionName(_ word: Word) -> String? {
    guard word.parts.count == 1, case .literal(let name) = word.parts[0].kind, !name.contains("=") else { return nil }
    return name
  }

  private func parseFunctionBody(name: String, nameLocation: SourceLocation, location: SourceLocation, usesKeyword: Bool) throws(InputError) -> Statement {
    try skipNewlines()
    let start = try peek()
    if case .end = start.token { throw unterminated(name + "()", at: location, expected: "a function body") }
    let body = try parseCommand()
    switch body.kind {
    case .braceGroup, .subshell, .ifClause, .loop, .forClause, .caseClause, .arithmetic, .conditional:
      break
    default:
      throw InputError("the body of function '\(name)' must be a compound command such as { ...; }", at: start.location)
    }
    let definition = FunctionDefinition(name: name, body: body, location: location, nameLocation: nameLocation, usesFunctionKeyword: usesKeyword)
    return Statement(.functionDefinition(definition), at: location)
  }

  /// Consumes `keyword`, which must follow a non-empty `list`.
  @discardableResult
  func expect(_ keyword: String, after list: [Statement], _ listEnd: ListEnd) throws(InputError) -> Lexeme {
    let lexeme = try peek()
    if case .end = lexeme.token {
      throw unterminated(listEnd.opener ?? keyword, at: listEnd.openerLocation ?? lexeme.location, expected: keyword)
    }
    guard lexeme.token.reservedWord == keyword else { throw unexpected(lexeme, listEnd) }
    if list.isEmpty { throw unexpected(lexeme) }
    consume()
    return lexeme
  }

  /// `if list; then list; [elif list; then list;]... [else list;] fi`.
  func parseIf() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    try enter(here)
    defer { leave() }
    var branches: [IfClause.Branch] = []
    var branchLocation = here
    var elseBody: [Statement]?
    var elseLocation: SourceLocation?
    let toThen = ListEnd(keywords: ["then"], opener: "if", at: here, expected: "then")
    let toFi = ListEnd(keywords: ["elif", "else", "fi"], opener: "if", at: here, expected: "fi")
    branchLoop: while true {
      let condition = try parseList(until: toThen)
      try expect("then", after: condition, toThen)
      let body = try parseList(until: toFi)
      let lexeme = try peek()
      if case .end = lexeme.token { throw unterminated("if", at: here, expected: "fi") }
      if body.isEmpty { throw unexpected(lexeme) }
      branches.append(IfClause.Branch(condition: condition, body: body, location: branchLocation))
      switch lexeme.token.reservedWord {
      case "elif":
        consume()
        branchLocation = lexeme.location
      case "else":
        consume()
        elseLocation = lexeme.location
        let onlyFi = ListEnd(keywords: ["fi"], opener: "if", at: here, expected: "fi")
        let list = try parseList(until: onlyFi)
        try expect("fi", after: list, onlyFi)
        elseBody = list
        break branchLoop
      default:
        consume()
        break branchLoop
      }
    }
    return Statement(.ifClause(IfClause(branches: branches, elseBody: elseBody, elseLocation: elseLocation)), at: here)
  }

  /// `while list; do list; done` and `until ...`.
  func parseWhile() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    let name = keyword.token.reservedWord ?? "while"
    try enter(here)
    defer { leave() }
    let toDo = ListEnd(keywords: ["do"], opener: name, at: here, expected: "do")
    let condition = try parseList(until: toDo)
    try expect("do", after: condition, toDo)
    let toDone = ListEnd(keywords: ["done"], opener: name, at: here, expected: "done")
    let body = try parseList(until: toDone)
    try expect("done", after: body, toDone)
    let loop = LoopClause(kind: name == "until" ? .until : .while, condition: condition, body: body)
    return Statement(.loop(loop), at: here)
  }

  /// `for name [in words]; do list; done`, `select ...`, `for (( ... )); do list; done`.
  func parseFor() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    let name = keyword.token.reservedWord ?? "for"
    try enter(here)
    defer { leave() }
    let header: ForClause.Header
    skipBlanksAndComments()
    if name == "for", index + 1 < end, source[index] == "(", source[index + 1] == "(" {
      guard case .closed(let close) = scanArithmetic(from: index + 2) else {
        throw unterminated("for ((", at: location(index), expected: "))")
      }
      header = .arithmetic(text(index + 2, close))
      index = close + 2
      lookahead = nil
      if case .control(.semicolon) = try peek().token { consume() }
    } else {
      let variable = try next()
      guard case .word(let word) = variable.token, let variableName = word.literalValue, Lexical.isName(variableName) else {
        if case .end = variable.token { throw unterminated(name, at: here, expected: "done") }
        throw InputError("'\(name)' needs a variable name here", at: variable.location)
      }
      try skipNewlines()
      var words: [Word]?
      let lexeme = try peek()
      if lexeme.token.reservedWord == "in" {
        consume()
        var list: [Word] = []
        while case .word(let item) = try peek().token {
          consume()
          list.append(item)
        }
        words = list
        let separator = try peek()
        switch separator.token {
        case .control(.semicolon): consume()
        case .newline: break
        case .end: throw unterminated(name, at: here, expected: "done")
        default: throw unexpected(separator)
        }
      } else if case .control(.semicolon) = lexeme.token {
        consume()
      }
      header = .words(variable: variableName, words: words)
    }
    try skipNewlines()
    let doLexeme = try peek()
    if case .end = doLexeme.token { throw unterminated(name, at: here, expected: "do") }
    guard doLexeme.token.reservedWord == "do" else {
      throw unexpected(doLexeme, ListEnd(keywords: ["do"], opener: name, at: here, expected: "do"))
    }
    consume()
    let toDone = ListEnd(keywords: ["done"], opener: name, at: here, expected: "done")
    let body = try parseList(until: toDone)
    try expect("done", after: body, toDone)
    return Statement(.forClause(ForClause(isSelect: name == "select", header: header, body: body)), at: here)
  }

  /// `case word in [(] pattern [| pattern]...) list ;; ... esac`.
  func parseCase() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    try enter(here)
    defer { leave() }
    let subjectLexeme = try next()
    guard case .word(let subject) = subjectLexeme.token else {
      if case .end = subjectLexeme.token { throw unterminated("case", at: here, expected: "esac") }
      throw unexpected(subjectLexeme)
    }
    try skipNewlines()
    let inLexeme = try next()
    guard inLexeme.token.reservedWord == "in" else {
      if case .end = inLexeme.token { throw unterminated("case", at: here, expected: "esac") }
      throw InputError("expected 'in' after 'case \(subject.text)'", at: inLexeme.location)
    }
    let itemEnd = ListEnd(keywords: ["esac"], closesWithCaseTerminator: true, opener: "case", at: here, expected: "esac")
    var items: [CaseClause.Item] = []
    while true {
      try skipNewlines()
      let lexeme = try peek()
      if lexeme.token.reservedWord == "esac" {
        consume()
        break
      }
      if case .end = lexeme.token { throw unterminated("case", at: here, expected: "esac") }
      if case .control(.openParenthesis) = lexeme.token { consume() }
      var patterns: [Word] = []
      patternLoop: while true {
        let patternLexeme = try next()
        guard case .word(let pattern) = patternLexeme.token else {
          if case .end = patternLexeme.token { throw unterminated("case", at: here, expected: "esac") }
          throw unexpected(patternLexeme)
        }
        patterns.append(pattern)
        let separator = try next()
        switch separator.token {
        case .control(.pipe): continue patternLoop
        case .control(.closeParenthesis): break patternLoop
        case .end: throw unterminated("case", at: here, expected: "esac")
        default: throw unexpected(separator)
        }
      }
      let body = try parseList(until: itemEnd)
      let terminatorLexeme = try peek()
      let terminator: CaseClause.Terminator
      switch terminatorLexeme.token {
      case .control(.doubleSemicolon): terminator = .break
      case .control(.semicolonAmpersand): terminator = .fallThrough
      case .control(.doubleSemicolonAmpersand): terminator = .continueMatching
      case .end: throw unterminated("case", at: here, expected: "esac")
      default:
        guard terminatorLexeme.token.reservedWord == "esac" else { throw unexpected(terminatorLexeme, itemEnd) }
        terminator = .none
      }
      if terminator != .none { consume() }
      items.append(CaseClause.Item(patterns: patterns, body: body, terminator: terminator, location: lexeme.location))
    }
    return Statement(.caseClause(CaseClause(subject: subject, items: items)), at: here)
  }

  /// `{ list; }` (3.2.5.3 "Grouping Commands").
  func parseBraceGroup() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    try enter(here)
    defer { leave() }
    let toClose = ListEnd(keywords: ["}"], opener: "{", at: here, expected: "}")
    let body = try parseList(until: toClose)
    try expect("}", after: body, toClose)
    return Statement(.braceGroup(body), at: here)
  }

  /// `( list )`, or `(( expression ))` when the parentheses close as an arithmetic command.
  func parseSubshellOrArithmetic() throws(InputError) -> Statement {
    let open = try peek()
    let here = open.location
    if open.start + 1 < end, source[open.start + 1] == "(",
      case .closed(let close) = scanArithmetic(from: open.start + 2)
    {
      let expression = text(open.start + 2, close)
      lookahead = nil
      index = close + 2
      return Statement(.arithmetic(ArithmeticCommand(expression: expression, location: here)), at: here)
    }
    consume()
    try enter(here)
    defer { leave() }
    let toClose = ListEnd(closesWithParenthesis: true, opener: "(", at: here, expected: ")")
    let body = try parseList(until: toClose)
    let close = try peek()
    guard case .control(.closeParenthesis) = close.token else {
      if case .end = close.token { throw unterminated("(", at: here, expected: ")") }
      throw unexpected(close, toClose)
    }
    if body.isEmpty { throw unexpected(close) }
    consume()
    return Statement(.subshell(body), at: here)
  }

  /// `[[ expression ]]`: words up to `]]`; `&&`, `||`, `(`, `)`, `<`, `>` are operators here.
  func parseConditional() throws(InputError) -> Statement {
    let keyword = try next()
    let here = keyword.location
    try enter(here)
    defer { leave() }
    var words: [Word] = []
    var regexNext = false
    while true {
      lookahead = nil
      while index < end {
        let c = source[index]
        if c == " " || c == "\t" {
          index += 1
        } else if c == "\\", index + 1 < end, source[index + 1] == "\n" {
          index += 2
        } else if c == "\n" {
          try advanceOverNewline()
        } else {
          break
        }
      }
      guard index < end else { throw unterminated("[[", at: here, expected: "]]") }
      let start = index
      let c = source[index]
      let c1 = scalar(at: 1)
      let word: Word
      if (c == "&" && c1 == "&") || (c == "|" && c1 == "|") {
        try countWord(at: start)
        index += 2
        word = Word(literal: text(start, index), at: location(start))
      } else if (c == "(" && !regexNext) || c == ")" || c == "<" || c == ">" {
        try countWord(at: start)
        index += 1
        word = Word(literal: text(start, index), at: location(start))
      } else if c == ";" || c == "&" || c == "|" {
        throw error("syntax error: unexpected '\(c)' inside '[[ ]]'", at: start)
      } else {
        word = try readWord(.conditional(regex: regexNext))
      }
      if word.isUnquoted("]]") { break }
      regexNext = word.isUnquoted("=~")
      words.append(word)
    }
    return Statement(.conditional(ConditionalCommand(words: words, location: here)), at: here)
  }

  /// A redirection operator and its target (3.6); here-documents register their body.
  func parseRedirection() throws(InputError) -> Redirection {
    let lexeme = try next()
    guard case .redirection(let fd, let variable, let op) = lexeme.token else { throw unexpected(lexeme) }
    let targetLexeme = try peek()
    guard case .word(let target) = targetLexeme.token else {
      throw InputError("redirection '\(op.rawValue)' has no target (found \(targetLexeme.token.display))", at: lexeme.location)
    }
    consume()
    guard op == .hereDocument || op == .hereDocumentStrippingTabs else {
      return Redirection(fileDescriptor: fd, fileDescriptorVariable: variable, op: op, target: target, location: lexeme.location)
    }
    let (delimiter, quoted) = Self.hereDocumentDelimiter(target.text)
    let strips = op == .hereDocumentStrippingTabs
    pendingHereDocuments.append(
      PendingHereDocument(delimiter: Array(delimiter.unicodeScalars), isQuoted: quoted, stripsTabs: strips, location: lexeme.location))
    let document: HereDocument
    if let known = session.hereDocuments[lexeme.location] {
      document = known
    } else {
      session.placeholders += 1
      document = HereDocument(delimiter: delimiter, isQuoted: quoted, stripsLeadingTabs: strips, body: "", parts: [], bodyLocation: lexeme.location)
    }
    return Redirection(
      fileDescriptor: fd, fileDescriptorVariable: variable, op: op, target: nil, hereDocument: document, location: lexeme.location)
  }

  /// The delimiter of `<<word` with quotes removed, and whether any of it was quoted.
  static func hereDocumentDelimiter(_ raw: String) -> (String, Bool) {
    let scalars = Array(raw.unicodeScalars)
    var result = String.UnicodeScalarView()
    var quoted = false
    var position = 0
    while position < scalars.count {
      let c = scalars[position]
      if c == "'" || c == "\"" {
        quoted = true
        position += 1
        while position < scalars.count, scalars[position] != c {
          if c == "\"", scalars[position] == "\\", position + 1 < scalars.count { position += 1 }
          result.append(scalars[position])
          position += 1
        }
        position += 1
      } else if c == "\\" {
        quoted = true
        if position + 1 < scalars.count { result.append(scalars[position + 1]) }
        position += 2
      } else if c == "$", position + 1 < scalars.count, scalars[position + 1] == "'" || scalars[position + 1] == "\"" {
        position += 1
      } else {
        result.append(c)
        position += 1
      }
    }
    return (String(result), quoted)
  }

  func hereDocumentUnterminated(_ pending: PendingHereDocument) -> InputError {
    let delimiter = String(scalars: pending.delimiter)
    return InputError("here-document is never closed: no line '\(delimiter)' ends it before the end of the file", at: pending.location)
  }

  /// Reads the bodies of the here-documents named on the line just ended (3.6.6).
  func readPendingHereDocuments() throws(InputError) {
    guard !pendingHereDocuments.isEmpty else { return }
    let documents = pendingHereDocuments
    pendingHereDocuments = []
    for pending in documents {
      let bodyStart = index
      var bodyEnd = index
      var scalars: [Unicode.Scalar] = []
      var positions: [(line: Int, column: Int)] = []
      var found = false
      while index < end {
        var lineEnd = index
        while lineEnd < end, source[lineEnd] != "\n" { lineEnd += 1 }
        var contentStart = index
        if pending.stripsTabs {
          while contentStart < lineEnd, source[contentStart] == "\t" { contentStart += 1 }
        }
        if lineEnd - contentStart == pending.delimiter.count, source[contentStart..<lineEnd].elementsEqual(pending.delimiter) {
          bodyEnd = index
          index = min(lineEnd + 1, end)
          found = true
          break
        }
        let stop = min(lineEnd + 1, end)
        if pending.stripsTabs {
          for position in contentStart..<stop {
            scalars.append(source[position])
            positions.append(map.position(position, hint: &lineHint))
          }
        }
        index = stop
      }
      guard found else { throw hereDocumentUnterminated(pending) }
      let bodyLocation = location(bodyStart)
      let body: String
      let reader: Parser
      if pending.stripsTabs {
        positions.append(map.position(bodyEnd, hint: &lineHint))
        body = String(scalars: scalars)
        reader = Parser(source: scalars, map: SourceMap(file: map.file, positions: positions), session: session, depth: depth)
      } else {
        body = text(bodyStart, bodyEnd)
        reader = Parser(source: source, start: bodyStart, end: bodyEnd, map: map, session: session, depth: depth)
      }
      let parts: [WordPart]
      if body.isEmpty {
        parts = []
      } else if pending.isQuoted {
        parts = [WordPart(.literal(body), at: bodyLocation)]
      } else {
        parts = try reader.readHereDocumentBody()
      }
      let delimiter = String(scalars: pending.delimiter)
      session.hereDocuments[pending.location] = HereDocument(
        delimiter: delimiter, isQuoted: pending.isQuoted, stripsLeadingTabs: pending.stripsTabs, body: body, parts: parts,
        bodyLocation: bodyLocation)
    }
  }

  /// The parts of an unquoted here-document body: `$` and backquote expansions; backslash
  /// quotes only `$`, `` ` ``, `\` and newline.
  func readHereDocumentBody() throws(InputError) -> [WordPart] {
    var builder = PartsBuilder()
    while index < end {
      let c = source[index]
      switch c {
      case "\\":
        let next = scalar(at: 1)
        if next == "\n" {
          index += 2
        } else if let next, next == "$" || next == "`" || next == "\\" {
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
        builder.append(try readBackquoted(inDoubleQuotes: false))
      default:
        builder.appendLiteral(c, at: self.location(index))
        index += 1
      }
    }
    return builder.finish()
  }
}

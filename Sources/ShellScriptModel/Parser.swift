import Diagnostics

/// Reads bash source into `Statement`s without running anything.
///
/// A recursive-descent reader of the grammar in Bash Reference Manual chapter 3 "Basic
/// Shell Features": lists, pipelines, compound commands, function definitions, quoting,
/// expansions and redirections. Words are read on demand because their lexing depends on
/// position (reserved words, here-documents, `[[ ]]`, case patterns). Command substitutions
/// are parsed in place, as bash does, so `$(case x in a) ...;; esac)` works.
///
/// Every nested construct passes `enter(_:)`, which stops at `session.maximumDepth` with an
/// error, so deep input cannot overflow the stack. Every token is lexed once (the
/// one-token lookahead is cached), so nested substitutions cost linear time.
final class Parser {
  let source: [Unicode.Scalar]
  let end: Int
  let map: SourceMap
  let session: ParseSession
  var index: Int
  var depth: Int
  var pendingHereDocuments: [PendingHereDocument] = []
  var newlineEnds: [Int: Int] = [:]
  var lookahead: Lexeme?
  /// True while the words read are a simple command's arguments (after its name), where
  /// `NAME[` does not start a subscript (see `readWord`).
  var readsArguments = false
  /// The line of the last location computed (see `SourceMap.position(_:hint:)`).
  var lineHint = 0
  /// Where the first suspect quoted string opens and closes: one that runs over a line
  /// break and whose closing quote is directly followed by a word character or `$`, as
  /// when that quote really opens the next string (ShellCheck's SC1078/SC1079). When the
  /// parse fails later, a closing quote missing from this string is the likelier mistake.
  var suspectQuote: (open: Int, close: Int)?

  /// A here-document whose body starts after the next newline token.
  struct PendingHereDocument {
    var delimiter: [Unicode.Scalar]
    var isQuoted: Bool
    var stripsTabs: Bool
    /// Where the `<<` operator is: the key of the body in `session.hereDocuments`.
    var location: SourceLocation
  }

  init(source: [Unicode.Scalar], start: Int = 0, end: Int? = nil, map: SourceMap, session: ParseSession, depth: Int) {
    self.source = source
    self.index = start
    self.end = end ?? source.count
    self.map = map
    self.session = session
    self.depth = depth
  }

  // MARK: - Errors and nesting

  func location(_ index: Int) -> SourceLocation { map.location(index, hint: &lineHint) }

  func error(_ message: String, at index: Int) -> InputError {
    InputError(message, at: location(index))
  }

  func describe(_ location: SourceLocation) -> String { "\(location.line):\(location.column)" }

  /// Notes a quoted string from `open` to its closing quote at `close` when it is the
  /// first suspect one (`suspectQuote`): it runs over lines, and its closing quote is glued
  /// to more of the word (`"...\n...%s`), as a quote that pairs with the wrong one is; a
  /// string that rightly runs over lines ends before a blank, an operator or the line end.
  func noteQuote(open: Int, close: Int) {
    guard suspectQuote == nil, close + 1 < end else { return }
    let next = source[close + 1]
    guard !" \t\n;&|()<>`".unicodeScalars.contains(next) else { return }
    guard source[open..<close].contains("\n") else { return }
    suspectQuote = (open, close)
  }

  /// The error for a quote opened at `open` and never closed, with a pointer to the
  /// first string that ran over lines before it: bash (and this parser) can only notice
  /// at the end of the file, often far from the quote actually missing.
  func unterminatedQuote(_ message: String, at open: Int) -> InputError {
    guard let earlier = suspectQuote, earlier.open < open else { return error(message, at: open) }
    return error(message + quoteHint(earlier), at: open)
  }

  /// "; the string opened at line 3, column 6 runs to line 9: ..." for `suspectQuote`, or
  /// "": a syntax error after such a string (a `)` or `}` it swallowed, a quote that now
  /// opens) most often comes from its missing closing quote.
  func quoteHint(_ quote: (open: Int, close: Int)? = nil) -> String {
    guard let quote = quote ?? suspectQuote else { return "" }
    let start = location(quote.open), close = location(quote.close)
    return "; the string opened at line \(start.line), column \(start.column) runs to line \(close.line): if its closing quote is missing, every later quote pairs with the wrong one"
  }

  /// Counts one more level of nesting; throws when the script nests deeper than the limit.
  func enter(_ location: SourceLocation) throws(InputError) {
    depth += 1
    if depth > session.maximumDepth {
      throw InputError(
        "constructs are nested more than \(session.maximumDepth) levels deep here; the checker does not read scripts nested this deeply",
        at: location)
    }
  }

  func leave() { depth -= 1 }

  func unexpected(_ lexeme: Lexeme, _ end: ListEnd? = nil) -> InputError {
    var message = "syntax error: unexpected \(lexeme.token.display == "newline" || lexeme.token.display == "end of file" ? lexeme.token.display : "'\(lexeme.token.display)'")"
    if let end, let opener = end.opener, let expected = end.expected, let at = end.openerLocation {
      message += " (expected '\(expected)' to close '\(opener)' at \(describe(at)))"
    } else if let word = lexeme.token.reservedWord ?? (lexeme.token.display == ")" ? ")" : nil),
      let opener = Self.openers[word]
    {
      message += " (no open \(opener))"
    }
    return InputError(message + quoteHint(), at: lexeme.location)
  }

  static let openers: [String: String] = [
    "then": "'if'", "elif": "'if'", "else": "'if'", "fi": "'if'", "do": "loop", "done": "loop",
    "esac": "'case'", "}": "'{'", ")": "'('",
  ]

  func unterminated(_ opener: String, at location: SourceLocation, expected: String) -> InputError {
    InputError("'\(opener)' is never closed: expected '\(expected)' before the end of the file" + quoteHint(), at: location)
  }

  // MARK: - Scalars

  func scalar(at offset: Int) -> Unicode.Scalar? {
    let position = index + offset
    return position < end ? source[position] : nil
  }

  func text(_ from: Int, _ to: Int) -> String {
    String(scalars: source[from..<max(from, to)])
  }

  // MARK: - Tokens

  /// The next token in command position, without consuming it.
  func peek() throws(InputError) -> Lexeme {
    if let lookahead, lookahead.origin == index { return lookahead }
    let origin = index
    let lexeme = try lex()
    index = origin
    lookahead = lexeme
    return lexeme
  }

  /// Consumes the token returned by the last `peek()`.
  func consume() {
    guard let lookahead else { return }
    index = lookahead.end
    self.lookahead = nil
  }

  @discardableResult
  func next() throws(InputError) -> Lexeme {
    let lexeme = try peek()
    consume()
    return lexeme
  }

  /// Skips blanks, escaped newlines and comments; records `# shellcheck` directives.
  func skipBlanksAndComments() {
    while index < end {
      let c = source[index]
      if c == " " || c == "\t" {
        index += 1
      } else if c == "\\", index + 1 < end, source[index + 1] == "\n" {
        index += 2
      } else if c == "#" {
        let start = index
        while index < end, source[index] != "\n" { index += 1 }
        recordComment(from: start, to: index)
      } else {
        break
      }
    }
  }

  func recordComment(from start: Int, to stop: Int) {
    let comment = text(start + 1, stop)
    guard let directive = ShellCheckDirective(comment: comment, at: location(start)) else { return }
    session.directives[directive.location] = directive
  }

  private func lex() throws(InputError) -> Lexeme {
    let origin = index
    skipBlanksAndComments()
    let start = index
    let here = location(start)
    func make(_ token: Token, length: Int) -> Lexeme {
      Lexeme(token: token, origin: origin, start: start, end: start + length, location: here)
    }
    guard index < end else {
      if let pending = pendingHereDocuments.first {
        throw hereDocumentUnterminated(pending)
      }
      return make(.end, length: 0)
    }
    let c = source[index]
    let c1 = scalar(at: 1)
    let c2 = scalar(at: 2)
    switch c {
    case "\n":
      if let known = newlineEnds[start] {
        return Lexeme(token: .newline, origin: origin, start: start, end: known, location: here)
      }
      index += 1
      try readPendingHereDocuments()
      newlineEnds[start] = index
      return Lexeme(token: .newline, origin: origin, start: start, end: index, location: here)
    case ";":
      if c1 == ";" { return c2 == "&" ? make(.control(.doubleSemicolonAmpersand), length: 3) : make(.control(.doubleSemicolon), length: 2) }
      if c1 == "&" { return make(.control(.semicolonAmpersand), length: 2) }
      return make(.control(.semicolon), length: 1)
    case "&":
      if c1 == "&" { return make(.control(.and), length: 2) }
      if c1 == ">" {
        if c2 == ">" { return make(.redirection(fileDescriptor: nil, variable: nil, op: .appendOutputAndError), length: 3) }
        return make(.redirection(fileDescriptor: nil, variable: nil, op: .outputAndError), length: 2)
      }
      return make(.control(.ampersand), length: 1)
    case "|":
      if c1 == "|" { return make(.control(.or), length: 2) }
      if c1 == "&" { return make(.control(.pipeAmpersand), length: 2) }
      return make(.control(.pipe), length: 1)
    case "(":
      return make(.control(.openParenthesis), length: 1)
    case ")":
      return make(.control(.closeParenthesis), length: 1)
    case "<", ">":
      if c1 == "(" { break }
      let (op, length) = redirectionOperator(at: index)
      return make(.redirection(fileDescriptor: nil, variable: nil, op: op), length: length)
    default:
      if Lexical.isDigit(c) {
        var stop = index
        while stop < end, Lexical.isDigit(source[stop]) { stop += 1 }
        if stop < end, source[stop] == "<" || source[stop] == ">", !(stop + 1 < end && source[stop + 1] == "(") {
          let (op, length) = redirectionOperator(at: stop)
          let number = Int(text(index, stop))
          return make(.redirection(fileDescriptor: number ?? Int.max, variable: nil, op: op), length: stop - index + length)
        }
      } else if c == "{" {
        var stop = index + 1
        while stop < end, Lexical.isNameCharacter(source[stop]) { stop += 1 }
        if stop > index + 1, stop + 1 < end, source[stop] == "}", source[stop + 1] == "<" || source[stop + 1] == ">",
          Lexical.isNameStart(source[index + 1])
        {
          let (op, length) = redirectionOperator(at: stop + 1)
          return make(.redirection(fileDescriptor: nil, variable: text(index + 1, stop), op: op), length: stop + 1 - index + length)
        }
      }
    }
    let word = try readWord(.command)
    if word.parts.isEmpty && index == start {
      throw error("syntax error: unexpected character '\(c)'", at: start)
    }
    return Lexeme(token: .word(word), origin: origin, start: start, end: index, location: here)
  }

  /// The redirection operator at `position` (which holds `<` or `>`) and its length.
  private func redirectionOperator(at position: Int) -> (Redirection.Operator, Int) {
    let c = source[position]
    let c1 = position + 1 < end ? source[position + 1] : " "
    let c2 = position + 2 < end ? source[position + 2] : " "
    if c == "<" {
      if c1 == "<" {
        if c2 == "<" { return (.hereString, 3) }
        if c2 == "-" { return (.hereDocumentStrippingTabs, 3) }
        return (.hereDocument, 2)
      }
      if c1 == "&" { return (.duplicateInput, 2) }
      if c1 == ">" { return (.readWrite, 2) }
      return (.input, 1)
    }
    if c1 == ">" { return (.append, 2) }
    if c1 == "&" { return (.duplicateOutput, 2) }
    if c1 == "|" { return (.clobber, 2) }
    return (.output, 1)
  }

  /// Consumes newline tokens (a "linebreak" in the POSIX grammar).
  func skipNewlines() throws(InputError) {
    while case .newline = try peek().token { consume() }
  }

  /// Moves past a newline at `index` outside the token stream (inside `[[ ]]` or an array
  /// literal), reading any here-document bodies that start after it.
  func advanceOverNewline() throws(InputError) {
    let start = index
    if let known = newlineEnds[start] {
      index = known
      return
    }
    index += 1
    try readPendingHereDocuments()
    newlineEnds[start] = index
  }
}

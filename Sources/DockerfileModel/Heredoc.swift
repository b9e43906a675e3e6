import Diagnostics

/// A here-document attached to RUN, COPY or ADD (`<<EOF … EOF`).
///
/// Shape: the marker is a shell word `[fd]<<[-]WORD`; a quoted WORD (`<<'EOF'`, `<<"EOF"`)
/// turns off variable expansion of the body; `<<-` strips leading tabs from the body and
/// from the terminator line. The body is the physical lines after the instruction up to a
/// line equal to the name; several heredocs on one line are read one after another.
/// Heredocs are recognised only in the shell form of RUN, COPY and ADD (also under ONBUILD).
/// See "Here-Documents" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#here-documents) and BuildKit's
/// `parser.go` (`heredocsFromLine`, `ParseHeredoc`).
public struct Heredoc: Sendable, Hashable {
  /// The terminator, quotes removed (`EOF` for `<<'EOF'`).
  public var name: String
  /// The file descriptor written before `<<` (`3<<EOF`), 0 if none.
  public var fileDescriptor: Int
  /// Whether `$` references in the body are expanded (false for a quoted name).
  public var expands: Bool
  /// Whether leading tabs are stripped (`<<-`).
  public var chomps: Bool
  /// The body as written, each line ending in `\n`, terminator excluded.
  public var content: String
  /// The first body line (1-based); the terminator is on `terminatorLine`.
  public var firstBodyLine: Int
  public var terminatorLine: Int

  public init(name: String, fileDescriptor: Int = 0, expands: Bool = true, chomps: Bool = false, content: String = "", firstBodyLine: Int = 0, terminatorLine: Int = 0) {
    self.name = name
    self.fileDescriptor = fileDescriptor
    self.expands = expands
    self.chomps = chomps
    self.content = content
    self.firstBodyLine = firstBodyLine
    self.terminatorLine = terminatorLine
  }

  /// The body as the build uses it: with `<<-`, leading tabs removed from every line.
  public var effectiveContent: String {
    guard chomps else { return content }
    return content.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.drop(while: { $0 == "\t" }) }
      .joined(separator: "\n")
  }

  /// Reads a heredoc marker word (`<<EOF`, `<<-'EOF'`, `2<<EOF`); nil if `word` is not one.
  /// Throws a message when the name part cannot be lexed.
  static func marker(_ word: String) throws(ShellLexer.Failure) -> Heredoc? {
    let scalars = Array(word.unicodeScalars)
    var index = 0
    while index < scalars.count, Scalars.isASCIIDigit(scalars[index]) { index += 1 }
    let digits = Scalars.string(scalars[0..<index])
    guard index + 1 < scalars.count, scalars[index] == "<", scalars[index + 1] == "<" else { return nil }
    index += 2
    var chomps = false
    if index < scalars.count, scalars[index] == "-" {
      chomps = true
      index += 1
    }
    let rest = scalars[index...]
    guard !rest.isEmpty, !rest.contains("<") else { return nil }
    let restText = Scalars.string(rest)
    var lexer = ShellLexer(escapeToken: "\\", skipUnsetEnv: true, lookup: { _ in nil })
    let words = try lexer.process(restText).words
    guard words.count == 1 else { return nil }
    lexer.rawQuotes = true
    let rawWords = try lexer.process(restText).words
    guard rawWords.count == 1 else {
      throw ShellLexer.Failure(message: "internal lexing of heredoc produced inconsistent results: \(restText)", offset: 0)
    }
    func quotes(_ text: String) -> Int { text.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
    return Heredoc(
      name: words[0], fileDescriptor: Int(digits) ?? 0,
      expands: quotes(words[0]) == quotes(rawWords[0]), chomps: chomps)
  }

  /// The heredoc markers in an instruction's joined line, in order. A line the shell
  /// lexer cannot split (an unterminated quote) has none, as in BuildKit.
  static func markers(in line: String) throws(ShellLexer.Failure) -> [Heredoc] {
    guard line.contains("<<") else { return [] }
    let lexer = ShellLexer(escapeToken: "\\", rawQuotes: true, rawEscapes: true, skipUnsetEnv: true, lookup: { _ in nil })
    guard let words = try? lexer.process(line).words else { return [] }
    var found: [Heredoc] = []
    for word in words {
      if let heredoc = try marker(word) { found.append(heredoc) }
    }
    return found
  }
}

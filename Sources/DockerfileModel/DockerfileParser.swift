import Diagnostics

/// The line loop of the low-level parser: directives, comments, continuations, heredocs.
///
/// Rules (BuildKit `frontend/dockerfile/parser/parser.go`, `Parse`):
/// - Physical lines end at LF only, trailing CRs removed; a line longer than BuildKit's
///   scanner reads is an input error (see `PhysicalLines`).
/// - A physical line ending in the escape token (then optional spaces or tabs) continues
///   onto the next; the token is removed and nothing replaces it. An escaped escape token
///   (`\\` at the end) does not continue. Leading whitespace is dropped on an
///   instruction's first line and kept on continuation lines.
/// - Inside a continuation, comment lines and blank lines are skipped (they still count
///   toward the instruction's end line); a continuation at end of file just ends.
/// - Outside a continuation, lines whose first non-blank character is `#` are comments.
/// - After an instruction that can hold heredocs, the bodies of its heredoc markers are
///   read, in order, from the following physical lines.
enum DockerfileParser {
  static func parse(_ source: SourceText) throws(InputError) -> DockerfileSyntax {
    let file = source.file
    let lines = try PhysicalLines.split(source.text, file: file)
    var directives = DirectiveScanner()
    var nodes: [SyntaxNode] = []
    var index = 0
    while index < lines.count {
      let raw = lines[index]
      let lineNumber = index + 1
      index += 1
      let start = Scalars.skipSpaces(raw, from: 0, to: raw.count)
      try directives.consider(raw[start...], line: lineNumber, column: start + 1, file: file)
      if start < raw.count, raw[start] == "#" { continue }
      let escape = directives.directives.escapeToken
      var (end, continues) = trimContinuation(raw, from: start, escape: escape)
      if !continues && end == start { continue }

      var logical = LogicalLine(file: file)
      logical.append(raw[start..<end], line: lineNumber, column: start + 1)
      var endLine = lineNumber
      while continues, index < lines.count {
        let next = lines[index]
        index += 1
        endLine = index
        let firstVisible = Scalars.skipSpaces(next, from: 0, to: next.count)
        if firstVisible == next.count || next[firstVisible] == "#" { continue }
        (end, continues) = trimContinuation(next, from: 0, escape: escape)
        logical.append(next[0..<end], line: endLine, column: 1)
      }

      let builder = NodeBuilder(line: logical, escapeToken: escape, endLine: endLine)
      var node = try builder.node(in: 0..<logical.scalars.count)
      if canContainHeredoc(node) {
        node.heredocs = try readHeredocs(for: node, line: logical, lines: lines, index: &index)
        node.endLine = max(node.endLine, index)
      }
      guard nodes.count < Dockerfile.maximumInstructions else {
        throw InputError("more than \(Dockerfile.maximumInstructions) instructions; this is not a Dockerfile a build would use", at: node.location)
      }
      nodes.append(node)
    }
    guard !nodes.isEmpty else {
      throw InputError("file with no instructions (it is empty or holds only comments)", at: .start(of: file))
    }
    var found = directives.directives
    found.frontend = FrontendSyntax.detect(lines, file: file)
    return DockerfileSyntax(file: file, directives: found, nodes: nodes)
  }

  /// Where the line's text ends once a trailing continuation token is removed, and whether
  /// the line continues. Matches `([^E])E[ \t]*$|^E[ \t]*$` for escape token `E`.
  static func trimContinuation(_ line: [Unicode.Scalar], from start: Int, escape: Unicode.Scalar) -> (end: Int, continues: Bool) {
    var end = line.count
    while end > start, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
    guard end > start, line[end - 1] == escape else { return (line.count, false) }
    if end - 1 == start { return (start, true) }
    if line[end - 2] == escape { return (line.count, false) }
    return (end - 1, true)
  }

  /// Shell-form RUN, COPY and ADD, directly or as an ONBUILD trigger.
  static func canContainHeredoc(_ node: SyntaxNode) -> Bool {
    var target = node
    if node.lowercasedKeyword == "onbuild", case .trigger(let trigger) = node.arguments { target = trigger }
    return ["run", "copy", "add"].contains(target.lowercasedKeyword) && !target.isJSON
  }

  private static func readHeredocs(for node: SyntaxNode, line: LogicalLine, lines: [[Unicode.Scalar]], index: inout Int) throws(InputError) -> [Heredoc] {
    let markers: [Heredoc]
    do {
      markers = try Heredoc.markers(in: Scalars.string(line.scalars))
    } catch {
      throw InputError("invalid heredoc: \(error.message)", at: node.location)
    }
    var heredocs: [Heredoc] = []
    for (ordinal, var heredoc) in markers.enumerated() {
      let terminator = Array(heredoc.name.unicodeScalars)
      // Scalars first, one String at the end: appending to a String.UnicodeScalarView
      // copied the whole body per line (a heredoc of 1,000,000 lines took minutes).
      var content: [Unicode.Scalar] = []
      heredoc.firstBodyLine = index + 1
      var terminated = false
      while index < lines.count {
        let raw = lines[index]
        index += 1
        var candidate = raw[...]
        if heredoc.chomps { candidate = candidate.drop(while: { $0 == "\t" }) }
        if candidate.elementsEqual(terminator) {
          terminated = true
          heredoc.terminatorLine = index
          break
        }
        content.append(contentsOf: raw)
        content.append("\n")
      }
      guard terminated else {
        throw InputError(
          "unterminated heredoc: no line `\(heredoc.name)` closes the here-document opened here",
          at: markerLocation(ordinal, in: line) ?? node.location)
      }
      heredoc.content = Scalars.string(content)
      heredocs.append(heredoc)
    }
    return heredocs
  }

  /// The position of the `ordinal`-th `<<` in the joined line.
  private static func markerLocation(_ ordinal: Int, in line: LogicalLine) -> SourceLocation? {
    var seen = 0
    let scalars = line.scalars
    var offset = 0
    while offset + 1 < scalars.count {
      if scalars[offset] == "<", scalars[offset + 1] == "<" {
        if seen == ordinal { return line.location(of: offset) }
        seen += 1
        offset += 2
        continue
      }
      offset += 1
    }
    return nil
  }
}

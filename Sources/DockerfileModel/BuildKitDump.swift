/// BuildKit's `result` dump of the low-level parse (`(*Node).Dump()` plus a final newline).
///
/// One line per instruction: `(` keyword lower-cased, then the flags as Go's `%q` of a
/// string slice (`["--a=1" "--b"]`) if there are any, then each argument as a Go quoted
/// string, or an ONBUILD's nested instruction in parentheses, then `)`. Comments,
/// directives and heredoc bodies are not printed. The format is described exactly in
/// `shared/corpus/buildkit-parser/README.md`; this is what `vibe-rules debug dockerfile`
/// prints.
extension DockerfileSyntax {
  public func buildKitDump() -> String {
    let body = nodes.map { "(" + $0.buildKitDump() + ")" }.joined(separator: "\n")
    return GoQuote.trimSpace(body) + "\n"
  }
}

extension SyntaxNode {
  /// This node's dump, without the surrounding parentheses.
  public func buildKitDump() -> String {
    var text = keyword.lowercased()
    if !flags.isEmpty {
      text += " [" + flags.map { GoQuote.quote($0.value) }.joined(separator: " ") + "]"
    }
    switch arguments {
    case .words(let words):
      for word in words { text += " " + GoQuote.quote(word) }
    case .trigger(let node):
      text += " (" + node.buildKitDump() + ")"
    }
    return GoQuote.trimSpace(text)
  }
}

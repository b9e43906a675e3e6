import Diagnostics

/// Collects the parts of a word: runs of literal text are merged into one part.
struct PartsBuilder {
  private(set) var parts: [WordPart] = []
  private var literal: [Unicode.Scalar] = []
  private var literalLocation: SourceLocation?
  private var escaped: [Unicode.Scalar] = []
  private var escapedLocation: SourceLocation?

  var isEmpty: Bool { parts.isEmpty && literal.isEmpty && escaped.isEmpty }

  /// The unquoted text read so far when nothing else has been read (used to recognise
  /// `NAME=(` array assignments and extglob `@(`).
  var onlyLiteral: [Unicode.Scalar]? {
    parts.isEmpty && escaped.isEmpty ? literal : nil
  }

  var lastLiteralScalar: Unicode.Scalar? { escaped.isEmpty ? literal.last : nil }

  mutating func appendLiteral(_ c: Unicode.Scalar, at location: @autoclosure () -> SourceLocation) {
    flushEscaped()
    if literal.isEmpty { literalLocation = location() }
    literal.append(c)
  }

  mutating func appendEscaped(_ c: Unicode.Scalar, at location: @autoclosure () -> SourceLocation) {
    flushLiteral()
    if escaped.isEmpty { escapedLocation = location() }
    escaped.append(c)
  }

  mutating func append(_ part: WordPart) {
    flushLiteral()
    flushEscaped()
    parts.append(part)
  }

  mutating func finish() -> [WordPart] {
    flushLiteral()
    flushEscaped()
    return parts
  }

  private mutating func flushLiteral() {
    guard !literal.isEmpty, let literalLocation else { return }
    parts.append(WordPart(.literal(String(scalars: literal)), at: literalLocation))
    literal.removeAll(keepingCapacity: true)
  }

  private mutating func flushEscaped() {
    guard !escaped.isEmpty, let escapedLocation else { return }
    parts.append(WordPart(.escaped(String(scalars: escaped)), at: escapedLocation))
    escaped.removeAll(keepingCapacity: true)
  }
}

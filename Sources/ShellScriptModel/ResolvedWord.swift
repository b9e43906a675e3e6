/// The value of a word as far as it can be known statically.
///
/// Pieces are literal text and `Symbol`s, concatenated: `"orbit-dash-${ENV}"` with ENV
/// bound to `prod` → `[.literal("orbit-dash-prod")]` (`literal == "orbit-dash-prod"`); with
/// ENV unknown → `[.literal("orbit-dash-"), .symbol($ENV)]` (partly known); `$(git rev-parse
/// --short HEAD)` → `[.symbol(commandOutput)]` (symbolic). Adjacent literals are merged
/// and empty literals dropped, so equal values compare equal. Word splitting is not
/// applied: the value is what the word would expand to as one field.
public struct ResolvedWord: Sendable, Hashable, CustomStringConvertible {
  public enum Piece: Sendable, Hashable {
    case literal(String)
    indirect case symbol(Symbol)
  }

  public private(set) var pieces: [Piece]
  /// How deeply alternatives nest inside this value (0 when there are none).
  public let nesting: Int

  public init(pieces: [Piece]) {
    if pieces.count == 1, case .literal(let text) = pieces[0], !text.isEmpty {
      self.pieces = pieces
      nesting = 0
      return
    }
    var nesting = 0
    for piece in pieces {
      if case .symbol(let symbol) = piece, case .alternatives(let options) = symbol.kind {
        nesting = max(nesting, 1 + (options.map(\.nesting).max() ?? 0))
      }
    }
    self.nesting = nesting
    // Most values arrive normalized already (no empty literal, no two literals in a
    // row): keep the array instead of building a copy.
    var isNormalized = true
    var previousIsLiteral = false
    for piece in pieces {
      if case .literal(let text) = piece {
        if text.isEmpty || previousIsLiteral { isNormalized = false; break }
        previousIsLiteral = true
      } else {
        previousIsLiteral = false
      }
    }
    if isNormalized {
      self.pieces = pieces
      return
    }
    // A run of literals is appended to one string in place (joining each to a copy of the
    // run so far was quadratic: 600 references to a 64 KiB value in one word took 21 s).
    var normalized: [Piece] = []
    normalized.reserveCapacity(pieces.count)
    var run: String?
    for piece in pieces {
      switch piece {
      case .literal(let text):
        if text.isEmpty { continue }
        if run == nil { run = text } else { run?.append(text) }
      case .symbol:
        if let text = run { normalized.append(.literal(text)) }
        run = nil
        normalized.append(piece)
      }
    }
    if let text = run { normalized.append(.literal(text)) }
    self.pieces = normalized
  }

  public init(literal: String) {
    pieces = literal.isEmpty ? [] : [.literal(literal)]
    nesting = 0
  }

  public init(symbol: Symbol) { self.init(pieces: [.symbol(symbol)]) }

  /// The number of known characters (UTF-8 bytes) and pieces, to bound growth.
  var size: (bytes: Int, pieces: Int) {
    var bytes = 0
    for piece in pieces { if case .literal(let text) = piece { bytes += text.utf8.count } }
    return (bytes, pieces.count)
  }

  public static let empty = ResolvedWord(pieces: [])

  /// The whole value when every piece is known.
  ///
  /// Fast path: a normalized value has at most one literal piece when it is all known,
  /// so that piece is the answer, with no string built.
  public var literal: String? {
    if pieces.count == 1, case .literal(let text) = pieces[0] { return text }
    var result = ""
    for piece in pieces {
      guard case .literal(let text) = piece else { return nil }
      result += text
    }
    return result
  }

  /// True when every piece is known.
  public var isLiteral: Bool { literal != nil }
  /// True when no piece is known (the value is one or more symbols).
  public var isSymbolic: Bool { !pieces.isEmpty && pieces.allSatisfy { if case .symbol = $0 { true } else { false } } }
  /// True when some pieces are known and some are not.
  public var isPartlyKnown: Bool { !isLiteral && !isSymbolic }

  /// The unknown pieces.
  public var symbols: [Symbol] {
    pieces.compactMap { if case .symbol(let symbol) = $0 { symbol } else { nil } }
  }

  /// The known text before the first unknown piece.
  public var knownPrefix: String {
    if case .literal(let text) = pieces.first { return text }
    return ""
  }

  /// Known text with each unknown piece shown as its expression: `orbit-dash-${ENV}`.
  public var description: String {
    pieces.map {
      switch $0 {
      case .literal(let text): text
      case .symbol(let symbol): symbol.expression
      }
    }.joined()
  }

  /// Every literal value the word can have, expanding alternatives (at most `limit`);
  /// nil when some piece is unknown.
  public func possibleValues(limit: Int = 64) -> [String]? {
    var results = [""]
    for piece in pieces {
      switch piece {
      case .literal(let text):
        results = results.map { $0 + text }
      case .symbol(let symbol):
        guard case .alternatives(let options) = symbol.kind else { return nil }
        var next: [String] = []
        for option in options {
          guard let values = option.possibleValues(limit: limit) else { return nil }
          for prefix in results { for value in values where !next.contains(prefix + value) { next.append(prefix + value) } }
          if next.count > limit { return nil }
        }
        results = next
      }
    }
    return results
  }

  public static func + (lhs: ResolvedWord, rhs: ResolvedWord) -> ResolvedWord {
    ResolvedWord(pieces: lhs.pieces + rhs.pieces)
  }

  /// Splits at unquoted blanks in the known text (`"A=1 B=$X"` → `A=1`, `B=$X`). Single
  /// and double quotes inside the known text group blanks and are kept.
  public func splitAtBlanks() -> [ResolvedWord] {
    var fields: [ResolvedWord] = []
    var current: [Piece] = []
    var text = ""
    var quote: Character?
    func flushText() {
      if !text.isEmpty { current.append(.literal(text)) }
      text = ""
    }
    func flushField() {
      flushText()
      if !current.isEmpty { fields.append(ResolvedWord(pieces: current)) }
      current = []
    }
    for piece in pieces {
      switch piece {
      case .literal(let literal):
        for c in literal {
          if let open = quote {
            text.append(c)
            if c == open { quote = nil }
          } else if c == "\"" || c == "'" {
            quote = c
            text.append(c)
          } else if c == " " || c == "\t" || c == "\n" {
            flushField()
          } else {
            text.append(c)
          }
        }
      case .symbol:
        flushText()
        current.append(piece)
      }
    }
    flushField()
    return fields
  }

  /// Splits at the first `separator` in the known text: `--flag=value` → (`--flag`, `value`).
  public func split(atFirst separator: Character) -> (ResolvedWord, ResolvedWord)? {
    for (position, piece) in pieces.enumerated() {
      guard case .literal(let text) = piece, let found = text.firstIndex(of: separator) else { continue }
      let head = Array(pieces[..<position]) + [.literal(String(text[..<found]))]
      let tail = [.literal(String(text[text.index(after: found)...]))] + Array(pieces[(position + 1)...])
      return (ResolvedWord(pieces: head), ResolvedWord(pieces: tail))
    }
    return nil
  }

  /// True when the known text starts with `prefix`.
  public func hasPrefix(_ prefix: String) -> Bool { knownPrefix.hasPrefix(prefix) }

  /// The same value with `variable` recorded on symbols that do not name one yet.
  func held(by variable: String) -> ResolvedWord {
    ResolvedWord(
      pieces: pieces.map {
        guard case .symbol(var symbol) = $0, symbol.variable == nil else { return $0 }
        symbol.variable = variable
        return .symbol(symbol)
      })
  }
}

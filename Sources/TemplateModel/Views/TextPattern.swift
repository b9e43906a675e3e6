/// A string value as far as it is known before deploy: literal text and holes (the parts
/// only deploy time fills in), in order, adjacent texts merged.
///
/// `!Sub "service/${Cluster}/${Service.Name}"` is the text `service/`, the hole
/// `!Ref Cluster`, the text `/` and the hole `!GetAtt Service.Name`; so is
/// `!Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]`. A known string is one
/// text (the empty string: no part). A hole is named by what it stands for (its
/// `Unresolved.display`), so two holes with one name stand for the same text; a hole may
/// stand for any text, the empty one included. Texts are compared as UTF-8 bytes, as
/// AWS APIs compare identifiers.
struct TextPattern: Hashable {
  enum Part: Hashable {
    case text([UInt8])
    case hole(String)
  }

  private(set) var parts: [Part] = []

  /// The pattern of a string value: a known scalar (null excluded), or a symbolic value
  /// (a concatenation's lists and mappings count as holes). Nil for null, a list or a
  /// mapping.
  init?(_ node: EvaluatedNode) {
    switch node.value {
    case .scalar(let scalar):
      guard scalar.kind != .null else { return nil }
      append(scalar.text)
    case .list, .map: return nil
    case .unresolved: append(part: node)
    }
  }

  private mutating func append(part node: EvaluatedNode) {
    switch node.value {
    // `Fn::Join` and `Fn::Sub` write a null as nothing.
    case .scalar(let scalar): append(scalar.kind == .null ? "" : scalar.text)
    case .unresolved(.concatenation(let items)): for item in items { append(part: item) }
    case .unresolved(let what): parts.append(.hole(what.display))
    case .list, .map: parts.append(.hole(node.display))
    }
  }

  private mutating func append(_ text: String) {
    guard !text.isEmpty else { return }
    if case .text(let before) = parts.last {
      parts[parts.count - 1] = .text(before + Array(text.utf8))
    } else {
      parts.append(.text(Array(text.utf8)))
    }
  }

  /// The whole text when the pattern has no hole.
  var knownText: [UInt8]? {
    switch parts.count {
    case 0: return []
    case 1: if case .text(let text) = parts[0] { return text } else { return nil }
    default: return nil
    }
  }

  /// The text after the last `/` (the whole text when it has none) when no hole can
  /// change it: of a known string, or of a pattern whose last text has a `/`
  /// (`service/${Cluster}/web` gives `web`; `service/${Cluster}/${Service.Name}`, nil).
  var lastComponent: [UInt8]? {
    let slash = UInt8(ascii: "/")
    if let text = knownText { return text.lastIndex(of: slash).map { Array(text[($0 + 1)...]) } ?? text }
    guard case .text(let tail)? = parts.last, let last = tail.lastIndex(of: slash) else { return nil }
    return Array(tail[(last + 1)...])
  }

  /// The texts between holes: before the first hole, between each two, after the last
  /// (one more than there are holes; empty where holes meet or at an end).
  private var segments: [[UInt8]] {
    var segments: [[UInt8]] = [[]]
    for part in parts {
      switch part {
      case .text(let text): segments[segments.count - 1] = text
      case .hole: segments.append([])
      }
    }
    return segments
  }

  /// `.same` for the same parts, `.different` when the known texts cannot line up (a
  /// known string the other pattern cannot produce; texts before the first hole, or after
  /// the last, that differ where both are written), otherwise `.undecided`.
  func compare(with other: TextPattern) -> ValueComparison {
    if parts == other.parts { return .same }
    switch (knownText, other.knownText) {
    case (.some, .some): return .different
    case (.some(let text), nil): return other.matches(text) ? .undecided : .different
    case (nil, .some(let text)): return matches(text) ? .undecided : .different
    case (nil, nil):
      let (mine, theirs) = (segments, other.segments)
      let (head, otherHead) = (mine[0], theirs[0])
      let (tail, otherTail) = (mine[mine.count - 1], theirs[theirs.count - 1])
      let headsAgree = head.starts(with: otherHead) || otherHead.starts(with: head)
      let tailsAgree = tail.reversed().starts(with: otherTail.reversed()) || otherTail.reversed().starts(with: tail.reversed())
      return headsAgree && tailsAgree ? .undecided : .different
    }
  }

  /// Whether some filling of the holes gives `text` (each hole as `*` in a glob): the
  /// first and last segments at the ends, the others in order in between, each found at
  /// its first place (which leaves the most room for the rest). Linear in the lengths
  /// (`firstOffset(of:in:)`).
  func matches(_ text: [UInt8]) -> Bool {
    let segments = segments
    guard segments.count > 1 else { return segments[0] == text }
    let (head, tail) = (segments[0], segments[segments.count - 1])
    guard text.count >= head.count + tail.count, text.starts(with: head), text.suffix(tail.count).elementsEqual(tail) else { return false }
    var position = head.count
    let end = text.count - tail.count
    for middle in segments.dropFirst().dropLast() {
      guard let offset = Self.firstOffset(of: middle, in: text[position..<end]) else { return false }
      position = offset + middle.count
    }
    return true
  }

  /// Where `needle` first occurs in `haystack` (an offset into the whole array), by
  /// Knuth-Morris-Pratt: linear in both lengths, however repetitive the texts.
  static func firstOffset(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard !needle.isEmpty else { return haystack.startIndex }
    guard needle.count <= haystack.count else { return nil }
    // failure[i]: the length of the longest proper border of needle[0...i].
    var failure = [Int](repeating: 0, count: needle.count)
    var border = 0
    for index in 1..<needle.count {
      while border > 0 && needle[index] != needle[border] { border = failure[border - 1] }
      if needle[index] == needle[border] { border += 1 }
      failure[index] = border
    }
    var matched = 0
    for index in haystack.indices {
      while matched > 0 && haystack[index] != needle[matched] { matched = failure[matched - 1] }
      if haystack[index] == needle[matched] { matched += 1 }
      if matched == needle.count { return index - needle.count + 1 }
    }
    return nil
  }
}

/// A shell pattern as used by `case` and `[[ == ]]` (Bash Reference Manual, 3.5.8.1
/// "Pattern Matching"): `*`, `?` and bracket expressions; quoted characters match
/// themselves. Extended patterns (`@(a|b)`) are not supported: building one returns nil,
/// and the checker treats the match as undecided.
///
/// A character is a Unicode scalar, as bash's is a code point in a UTF-8 locale (`?`
/// matches the `e` of a decomposed `é`, and the accent is a character of its own), which
/// also keeps matching fast on any text: comparing grapheme clusters normalizes them.
struct GlobPattern {
  enum Element: Equatable {
    case character(Unicode.Scalar)
    case anyString
    case anyCharacter
    case set(negated: Bool, ranges: [ClosedRange<Unicode.Scalar>], classes: [String])
  }

  private(set) var elements: [Element] = []

  /// Builds a pattern from segments of text, each either active (unquoted: `*` means any
  /// string) or quoted (matches literally). nil for extended patterns.
  init?(segments: [(text: String, active: Bool)]) {
    for segment in segments {
      guard segment.active else {
        elements += segment.text.unicodeScalars.map { .character($0) }
        continue
      }
      let characters = Array(segment.text.unicodeScalars)
      var position = 0
      while position < characters.count {
        let c = characters[position]
        if c == "?" || c == "*" || c == "+" || c == "@" || c == "!", position + 1 < characters.count, characters[position + 1] == "(" { return nil }
        switch c {
        case "*": if elements.last != .anyString { elements.append(.anyString) }
        case "?": elements.append(.anyCharacter)
        case "\\":
          if position + 1 < characters.count {
            position += 1
            elements.append(.character(characters[position]))
          } else {
            elements.append(.character(c))
          }
        case "[":
          if let (element, next) = Self.bracket(characters, from: position) {
            elements.append(element)
            position = next
            continue
          }
          elements.append(.character(c))
        default:
          elements.append(.character(c))
        }
        position += 1
      }
    }
  }

  /// Reads `[...]` starting at `start`; returns the element and the index after `]`.
  private static func bracket(_ characters: [Unicode.Scalar], from start: Int) -> (Element, Int)? {
    var position = start + 1
    var negated = false
    if position < characters.count, characters[position] == "!" || characters[position] == "^" {
      negated = true
      position += 1
    }
    var ranges: [ClosedRange<Unicode.Scalar>] = []
    var classes: [String] = []
    var first = true
    while position < characters.count {
      let c = characters[position]
      if c == "]" && !first { return (.set(negated: negated, ranges: ranges, classes: classes), position + 1) }
      first = false
      if c == "[", position + 1 < characters.count, characters[position + 1] == ":" {
        var close = position + 2
        while close + 1 < characters.count, !(characters[close] == ":" && characters[close + 1] == "]") { close += 1 }
        guard close + 1 < characters.count else { return nil }
        classes.append(String(scalars: characters[(position + 2)..<close]))
        position = close + 2
        continue
      }
      if position + 2 < characters.count, characters[position + 1] == "-", characters[position + 2] != "]", c <= characters[position + 2] {
        ranges.append(c...characters[position + 2])
        position += 3
        continue
      }
      ranges.append(c...c)
      position += 1
    }
    return nil
  }

  /// Whether the whole of `text` matches, or nil when deciding it takes more steps than
  /// `budget` holds. A step is one byte of `text` read into characters, or one character
  /// tried against one element; `budget` is reduced by the steps taken. The match is
  /// greedy with backtracking to the last `*`: about one step per character for real
  /// patterns, but up to characters × elements (`*aaa…ab` against `aaa…a`), which the
  /// budget bounds.
  func matches(_ text: String, budget: inout Int) -> Bool? {
    budget -= text.utf8.count
    guard budget >= 0 else { return nil }
    let characters = Array(text.unicodeScalars)
    var p = 0
    var t = 0
    var starP = -1
    var starT = 0
    while t < characters.count {
      budget -= 1
      guard budget >= 0 else { return nil }
      if p < elements.count, elements[p] != .anyString, Self.matches(elements[p], characters[t]) {
        p += 1
        t += 1
      } else if p < elements.count, elements[p] == .anyString {
        starP = p
        starT = t
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starT += 1
        t = starT
      } else {
        return false
      }
    }
    while p < elements.count, elements[p] == .anyString { p += 1 }
    return p == elements.count
  }

  private static func matches(_ element: Element, _ c: Unicode.Scalar) -> Bool {
    switch element {
    case .character(let expected): return c == expected
    case .anyCharacter: return true
    case .anyString: return true
    case .set(let negated, let ranges, let classes):
      let inSet = ranges.contains { $0.contains(c) } || classes.contains { matchesClass($0, c) }
      return inSet != negated
    }
  }

  private static func matchesClass(_ name: String, _ c: Unicode.Scalar) -> Bool {
    let isDigit = c >= "0" && c <= "9"
    switch name {
    case "alpha": return c.properties.isAlphabetic
    case "digit": return isDigit
    case "alnum": return c.properties.isAlphabetic || isDigit
    case "upper": return c.properties.isUppercase
    case "lower": return c.properties.isLowercase
    case "space": return c.properties.isWhitespace
    case "blank": return c == " " || c == "\t"
    case "punct":
      switch c.properties.generalCategory {
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
        .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
        return true
      default: return false
      }
    case "xdigit": return isDigit || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    default: return false
    }
  }

  /// What matching a pattern against the start or the end of a text decides.
  enum AffixMatch: Equatable {
    /// The shortest (or longest) matching prefix or suffix has this many characters.
    case length(Int)
    /// No prefix (suffix) matches, not even the empty one.
    case noMatch
    /// Text and pattern are too large to decide within `maximumAffixSteps` or the
    /// budget given.
    case undecided
  }

  /// The most characters × pattern elements an affix match may take (16 M): a 64 KiB
  /// value against a pattern of 256 elements, in about 20 ms.
  static let maximumAffixSteps = 1 << 24

  /// The shortest (or longest) prefix of `text` that matches (`${X#p}`, `${X##p}`).
  /// `budget` is reduced by the steps taken (see `matches(_:budget:)`; here a step is
  /// one character against every element once).
  func prefixMatch(in text: String, longest: Bool, budget: inout Int) -> AffixMatch {
    budget -= text.utf8.count
    guard budget >= 0 else { return .undecided }
    return Self.matchingPrefix(Array(text.unicodeScalars), elements, longest: longest, budget: &budget)
  }

  /// The shortest (or longest) suffix of `text` that matches (`${X%p}`, `${X%%p}`): the
  /// matching prefix of the reversed text, against the pattern's elements reversed (each
  /// element matches one character or any string, so the reversed pattern matches exactly
  /// the reversed strings).
  func suffixMatch(in text: String, longest: Bool, budget: inout Int) -> AffixMatch {
    budget -= text.utf8.count
    guard budget >= 0 else { return .undecided }
    return Self.matchingPrefix(Array(text.unicodeScalars.reversed()), Array(elements.reversed()), longest: longest, budget: &budget)
  }

  /// Runs the pattern as a nondeterministic automaton over `characters` once: state p
  /// means "elements before p are matched"; `anyString` at p both stays at p on any
  /// character and moves to p + 1 on none. Every text position where the final state is
  /// active ends a matching prefix. Time: characters × elements, bounded.
  private static func matchingPrefix(_ characters: [Unicode.Scalar], _ pattern: [Element], longest: Bool, budget: inout Int) -> AffixMatch {
    guard (characters.count + 1).multipliedReportingOverflow(by: pattern.count + 1).partialValue <= maximumAffixSteps,
      characters.count < maximumAffixSteps
    else { return .undecided }
    let final = pattern.count
    func close(_ states: inout [Bool]) {
      for p in 0..<final where states[p] && pattern[p] == .anyString { states[p + 1] = true }
    }
    var active = [Bool](repeating: false, count: final + 1)
    active[0] = true
    close(&active)
    var matched: Int? = active[final] ? 0 : nil
    if matched != nil && !longest { return .length(0) }
    for (offset, character) in characters.enumerated() {
      budget -= final + 1
      guard budget >= 0 else { return .undecided }
      var next = [Bool](repeating: false, count: final + 1)
      var alive = false
      for p in 0..<final where active[p] {
        if pattern[p] == .anyString {
          next[p] = true
          alive = true
        } else if matches(pattern[p], character) {
          next[p + 1] = true
          alive = true
        }
      }
      guard alive else { break }
      close(&next)
      active = next
      if active[final] {
        matched = offset + 1
        if !longest { break }
      }
    }
    return matched.map { .length($0) } ?? .noMatch
  }
}

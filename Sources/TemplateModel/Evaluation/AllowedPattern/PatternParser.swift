import Diagnostics

/// Why a pattern was not turned into a `PatternNode`: it is not valid Java syntax, or it
/// uses a construct outside regular languages (back-references, look-around, possessive
/// quantifiers, atomic groups) or outside what we model (`\p{...}`, `(?x)`, `(?u)`).
/// `offset` counts Unicode scalars from the start of the pattern.
struct PatternRefusal: Error, Equatable {
  enum Kind: Equatable { case syntax, unsupported }
  var kind: Kind
  var message: String
  var offset: Int
}

/// Reads Java `java.util.regex.Pattern` syntax into a `PatternNode`.
/// Reference: https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
struct PatternParser {
  /// The flags in force: `(?i)`, `(?m)`, `(?s)`, scoped to the enclosing group.
  struct Flags: Equatable {
    var caseInsensitive = false
    var multiline = false
    var dotAll = false
  }

  private let scalars: [Unicode.Scalar]
  private var position = 0
  /// Named groups so far: Java refuses a name used twice.
  private var groupNames: Set<String> = []

  /// Groups deeper than this are refused (the tree is walked recursively).
  static let maximumDepth = 200

  static func parse(_ pattern: String) throws(PatternRefusal) -> PatternNode {
    var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
    var flags = Flags()
    let node = try parser.alternation(flags: &flags, depth: 0)
    if parser.position < parser.scalars.count {
      throw parser.syntax("unmatched closing ')'")  // the only way alternation stops early
    }
    return node
  }

  private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

  private var next: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  private func syntax(_ message: String, at offset: Int? = nil) -> PatternRefusal {
    PatternRefusal(kind: .syntax, message: message, offset: offset ?? position)
  }

  private func unsupported(_ message: String, at offset: Int) -> PatternRefusal {
    PatternRefusal(kind: .unsupported, message: message, offset: offset)
  }

  // MARK: Alternation, sequence, repetition

  /// Branches separated by `|`, up to a `)` or the end. Inline flags (`(?i)`) change
  /// `flags` for the rest of the enclosing group.
  private mutating func alternation(flags: inout Flags, depth: Int) throws(PatternRefusal) -> PatternNode {
    guard depth <= Self.maximumDepth else { throw unsupported("groups nested deeper than \(Self.maximumDepth)", at: position) }
    var branches: [PatternNode] = []
    var items: [PatternNode] = []
    while let scalar = next, scalar != ")" {
      if scalar == "|" {
        position += 1
        branches.append(Self.sequence(items))
        items = []
        continue
      }
      guard let atom = try atom(flags: &flags, depth: depth) else { continue }
      items.append(try quantified(atom))
    }
    branches.append(Self.sequence(items))
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private static func sequence(_ items: [PatternNode]) -> PatternNode {
    switch items.count {
    case 0: .empty
    case 1: items[0]
    default: .sequence(items)
    }
  }

  /// `atom` followed by at most one quantifier, greedy or lazy (`a*?`). As in Java, a second
  /// `*`, `+` or `?` is a syntax error; a second counted repetition (`a{1}{2}`), which Java
  /// silently skips, is refused as unsupported rather than guessed.
  private mutating func quantified(_ atom: PatternNode) throws(PatternRefusal) -> PatternNode {
    guard let scalar = next else { return atom }
    let start = position
    let bounds: (Int, Int?)
    switch scalar {
    case "*": bounds = (0, nil); position += 1
    case "+": bounds = (1, nil); position += 1
    case "?": bounds = (0, 1); position += 1
    case "{": bounds = try countedBounds()
    default: return atom
    }
    if next == "?" {
      position += 1  // lazy: the same language
    } else if next == "+" {
      throw unsupported("possessive quantifier", at: start)
    }
    switch next {
    case "*", "+", "?": throw syntax("dangling meta character '\(next!)'")
    case "{": throw unsupported("a counted repetition after a quantifier", at: position)
    default: break
    }
    // Java does not repeat a start-of-input match the way the regular language does
    // (`(?:^|b){2}` does not match "b"): such a repetition is not decided.
    if bounds.1 != 1, atom.containsStartAssertion {
      throw unsupported("'^' or '\\A' inside a repeated group", at: start)
    }
    return .repetition(atom, minimum: bounds.0, maximum: bounds.1)
  }

  /// `{n}`, `{n,}` or `{n,m}`, from the `{`.
  private mutating func countedBounds() throws(PatternRefusal) -> (Int, Int?) {
    let start = position
    position += 1
    guard let minimum = number() else { throw syntax("illegal repetition: '{' must start {n}, {n,} or {n,m}", at: start) }
    var maximum: Int? = minimum
    if next == "," {
      position += 1
      maximum = number()
    }
    guard next == "}" else { throw syntax("unclosed counted repetition", at: start) }
    position += 1
    if let maximum, maximum < minimum { throw syntax("illegal repetition range {\(minimum),\(maximum)}", at: start) }
    return (minimum, maximum)
  }

  /// Decimal digits, capped so that an absurd count does not overflow (the compiled
  /// program's size limit refuses it later).
  private mutating func number() -> Int? {
    var value: Int?
    while let scalar = next, ("0"..."9").contains(scalar) {
      value = min((value ?? 0) * 10 + Int(scalar.value - 0x30), 1 << 31)
      position += 1
    }
    return value
  }

  // MARK: Atoms

  /// One atom, or nil for something that only changed the flags (`(?i)`) or quoted
  /// nothing (`\Q\E`).
  private mutating func atom(flags: inout Flags, depth: Int) throws(PatternRefusal) -> PatternNode? {
    let start = position
    let scalar = scalars[position]
    position += 1
    switch scalar {
    case "(": return try group(flags: &flags, depth: depth, start: start)
    case "[": return .scalar(try characterClass(flags: flags, depth: depth))
    case ".": return .scalar(.any(dotAll: flags.dotAll))
    case "^": return .assertion(.lineStart(multiline: flags.multiline))
    case "$": return .assertion(.lineEnd(multiline: flags.multiline))
    case "*", "+", "?": throw syntax("dangling meta character '\(scalar)'", at: start)
    case "{": throw syntax("illegal repetition: '{' with nothing before it", at: start)
    case "\\": return try escape(flags: flags, start: start)
    default: return .scalar(Self.literal(scalar, flags))
    }
  }

  private static func literal(_ scalar: Unicode.Scalar, _ flags: Flags) -> ScalarSet {
    flags.caseInsensitive ? .asciiCaseInsensitive(.scalar(scalar)) : .scalar(scalar)
  }

  /// From after `(`: a group, or inline flags.
  private mutating func group(flags: inout Flags, depth: Int, start: Int) throws(PatternRefusal) -> PatternNode? {
    var inner = flags
    if next == "?" {
      position += 1
      switch next {
      case ":": position += 1
      case "=", "!": throw unsupported("look-ahead '(?\(next!)'", at: start)
      case ">": throw unsupported("atomic group '(?>'", at: start)
      case "<":
        position += 1
        if next == "=" || next == "!" { throw unsupported("look-behind '(?<\(next!)'", at: start) }
        // A named group, (?<name>X).
        guard let first = next, first.properties.isAlphabetic, first.isASCII else { throw syntax("a group name must start with a letter", at: start) }
        let nameStart = position
        while let scalar = next, scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { position += 1 }
        guard next == ">" else { throw syntax("unclosed group name", at: start) }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<position]))
        guard groupNames.insert(name).inserted else { throw syntax("named group <\(name)> is already defined", at: start) }
        position += 1
      default:
        // Inline flags: (?idmsux-idmsux) or (?idmsux-idmsux:X).
        var on = true
        while let scalar = next, scalar != ")" && scalar != ":" {
          switch scalar {
          case "-": on = false
          case "i": inner.caseInsensitive = on
          case "m": inner.multiline = on
          case "s": inner.dotAll = on
          case "d", "u", "x", "U": throw unsupported("inline flag '\(scalar)'", at: position)
          default: throw syntax("unknown inline flag '\(scalar)'", at: position)
          }
          position += 1
        }
        guard let end = next else { throw syntax("unclosed group", at: start) }
        position += 1
        if end == ")" {
          flags = inner  // (?i) applies to the rest of the enclosing group
          return nil
        }
      }
    }
    let node = try alternation(flags: &inner, depth: depth + 1)
    guard next == ")" else { throw syntax("unclosed group", at: start) }
    position += 1
    return node
  }

  /// From after `\`, outside a character class.
  private mutating func escape(flags: Flags, start: Int) throws(PatternRefusal) -> PatternNode? {
    guard let scalar = next else { throw syntax("a pattern may not end with '\\'", at: start) }
    switch scalar {
    case "b", "B":
      // Java up to 18 decides `\b` with Unicode letters and digits, from 19 with `\w`'s
      // ASCII ones; which Java CloudFormation runs is not documented.
      throw unsupported("word boundary '\\\(scalar)' (Java versions disagree on it)", at: start)
    case "A": position += 1; return .assertion(.inputStart)
    case "z": position += 1; return .assertion(.inputEnd)
    case "Z": position += 1; return .assertion(.inputEndOrFinalTerminator)
    case "G": throw unsupported("'\\G' (end of the previous match)", at: start)
    case "R", "X": throw unsupported("'\\\(scalar)'", at: start)
    case "k": throw unsupported("back-reference '\\k'", at: start)
    case "1"..."9": throw unsupported("back-reference '\\\(scalar)'", at: start)
    case "Q":
      position += 1
      var quoted: [PatternNode] = []
      while position < scalars.count {
        if scalars[position] == "\\", position + 1 < scalars.count, scalars[position + 1] == "E" {
          position += 2
          break
        }
        quoted.append(.scalar(Self.literal(scalars[position], flags)))
        position += 1
      }
      return quoted.isEmpty ? nil : Self.sequence(quoted)
    default:
      let set = try escapedSet(start: start)
      return .scalar(flags.caseInsensitive ? .asciiCaseInsensitive(set) : set)
    }
  }

  /// From the scalar after `\`: the escapes that stand for one scalar or a predefined class,
  /// valid both inside and outside a character class.
  private mutating func escapedSet(start: Int) throws(PatternRefusal) -> ScalarSet {
    let scalar = scalars[position]
    position += 1
    switch scalar {
    case "d": return .digit
    case "D": return .complement(.digit)
    case "w": return .word
    case "W": return .complement(.word)
    case "s": return .space
    case "S": return .complement(.space)
    case "h": return .horizontalSpace
    case "H": return .complement(.horizontalSpace)
    case "v": return .verticalSpace
    case "V": return .complement(.verticalSpace)
    case "t": return .scalar("\t")
    case "n": return .scalar("\n")
    case "r": return .scalar("\r")
    case "f": return .scalar("\u{0C}")
    case "a": return .scalar("\u{07}")
    case "e": return .scalar("\u{1B}")
    case "p", "P": throw unsupported("Unicode property class '\\\(scalar)'", at: start)
    case "c":
      guard let control = next, control.isASCII else { throw syntax("'\\c' needs an ASCII letter", at: start) }
      position += 1
      return .scalar(Unicode.Scalar(control.value ^ 0x40)!)
    case "0":
      // \0n, \0nn, \0mnn with m <= 3.
      var value: UInt32 = 0
      var digits = 0
      while digits < 3, let digit = next, ("0"..."7").contains(digit) {
        let candidate = value * 8 + digit.value - 0x30
        if candidate > 0o377 { break }
        value = candidate
        digits += 1
        position += 1
      }
      guard digits > 0 else { throw syntax("illegal octal escape", at: start) }
      return .scalar(Unicode.Scalar(value)!)
    case "x":
      if next == "{" {
        position += 1
        let value = hexadecimal(maximumDigits: 8)
        guard next == "}", let value, let result = Unicode.Scalar(value) else { throw syntax("illegal hexadecimal escape", at: start) }
        position += 1
        return .scalar(result)
      }
      guard let value = hexadecimal(exactly: 2) else { throw syntax("illegal hexadecimal escape", at: start) }
      return .scalar(Unicode.Scalar(value)!)
    case "u":
      guard let value = hexadecimal(exactly: 4) else { throw syntax("illegal Unicode escape", at: start) }
      // A surrogate pair written as two escapes (`\uD83D\uDE00`) is one code point, as in
      // Java; a lone surrogate half never matches a Unicode scalar.
      if (0xD800...0xDBFF).contains(value), position + 6 <= scalars.count, scalars[position] == "\\", scalars[position + 1] == "u" {
        let saved = position
        position += 2
        if let low = hexadecimal(exactly: 4), (0xDC00...0xDFFF).contains(low) {
          return .scalar(Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))!)
        }
        position = saved
      }
      return Unicode.Scalar(value).map { .scalar($0) } ?? .union([])
    default:
      // Java: a backslash before a letter or digit that is not an escape is an error; before
      // anything else it quotes it.
      if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
        throw syntax("illegal escape sequence '\\\(scalar)'", at: start)
      }
      return .scalar(scalar)
    }
  }

  private mutating func hexadecimal(exactly count: Int) -> UInt32? {
    guard position + count <= scalars.count else { return nil }
    var value: UInt32 = 0
    for scalar in scalars[position..<(position + count)] {
      guard let digit = scalar.hexDigitValue else { return nil }
      value = value * 16 + digit
    }
    position += count
    return value
  }

  private mutating func hexadecimal(maximumDigits: Int) -> UInt32? {
    var value: UInt32?
    var digits = 0
    while let scalar = next, let digit = scalar.hexDigitValue, digits < maximumDigits {
      value = (value ?? 0) * 16 + digit
      digits += 1
      position += 1
    }
    return value
  }

  // MARK: Character classes

  /// From after `[`: `[abc]`, `[^abc]`, ranges `a-z`, nested classes (union) `[a[0-9]]` and
  /// intersections `[a-z&&[^aeiou]]`, up to the matching `]`.
  private mutating func characterClass(flags: Flags, depth: Int) throws(PatternRefusal) -> ScalarSet {
    let start = position - 1
    guard depth <= Self.maximumDepth else { throw unsupported("character classes nested deeper than \(Self.maximumDepth)", at: start) }
    var negated = false
    if next == "^" {
      negated = true
      position += 1
    }
    var operands: [ScalarSet] = []  // the intersection's operands
    var members: [ScalarSet] = []  // the current union
    var first = true
    while true {
      guard let scalar = next else { throw syntax("unclosed character class", at: start) }
      if scalar == "]" && !first {
        position += 1
        break
      }
      first = false
      if scalar == "[" {
        position += 1
        members.append(try characterClass(flags: flags, depth: depth + 1))
        continue
      }
      if scalar == "&", position + 1 < scalars.count, scalars[position + 1] == "&" {
        if position + 2 < scalars.count, scalars[position + 2] == "&" {
          throw unsupported("'&&&' in a character class", at: position)
        }
        position += 2
        // Java drops an empty operand (`[ab&&]` is `[ab]`).
        if !members.isEmpty { operands.append(.union(members)) }
        members = []
        continue
      }
      let low = try classMember()
      guard case .scalar(let lowScalar) = low, next == "-", position + 1 < scalars.count, scalars[position + 1] != "]" else {
        members.append(flags.caseInsensitive ? .asciiCaseInsensitive(low) : low)
        continue
      }
      let dash = position
      position += 1
      if scalars[position] == "[" {
        throw syntax("illegal character range", at: dash)
      }
      guard case .scalar(let highScalar) = try classMember() else { throw syntax("illegal character range", at: dash) }
      guard lowScalar.value <= highScalar.value else { throw syntax("illegal character range \(lowScalar)-\(highScalar)", at: dash) }
      let range = ScalarSet.range(lowScalar.value, highScalar.value)
      members.append(flags.caseInsensitive ? .asciiCaseInsensitive(range) : range)
    }
    // Case-insensitivity applies to each scalar and range (`(?i)[a-z&&A-Z]` is all
    // letters, as in Java), never around a whole class.
    if !members.isEmpty { operands.append(.union(members)) }
    guard !operands.isEmpty else { throw syntax("a character class with nothing in it", at: start) }
    let set: ScalarSet = operands.count == 1 ? operands[0] : .intersection(operands)
    return negated ? .complement(set) : set
  }

  /// One scalar or escape inside a class.
  private mutating func classMember() throws(PatternRefusal) -> ScalarSet {
    let start = position
    let scalar = scalars[position]
    position += 1
    guard scalar == "\\" else { return .scalar(scalar) }
    guard position < scalars.count else { throw syntax("a pattern may not end with '\\'", at: start) }
    switch scalars[position] {
    case "Q", "E", "b", "B", "A", "z", "Z", "G", "R", "X", "k", "1"..."9":
      throw unsupported("'\\\(scalars[position])' inside a character class", at: start)
    default:
      return try escapedSet(start: start)
    }
  }
}

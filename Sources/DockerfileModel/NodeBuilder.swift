import Diagnostics

/// Turns one logical line into a `SyntaxNode`: keyword, flags, and arguments split by the
/// keyword's rule (BuildKit `parser.go` `newNodeFromLine` and `line_parsers.go`):
///
/// | keyword | arguments |
/// | --- | --- |
/// | RUN, CMD, ENTRYPOINT, SHELL | JSON array of strings, else the whole text as one word |
/// | ADD, COPY, VOLUME | JSON array of strings, else split on whitespace |
/// | FROM, EXPOSE | split on whitespace |
/// | ENV, LABEL | key/value/separator triples (old `k v` or new `k=v …` form) |
/// | ARG | words, quotes kept |
/// | HEALTHCHECK | the type word, then CMD-like arguments |
/// | MAINTAINER, USER, WORKDIR, STOPSIGNAL | the whole text as one word |
/// | ONBUILD | the nested instruction |
/// | anything else | one empty word (BuildKit's `parseIgnore`) |
struct NodeBuilder {
  let line: LogicalLine
  let escapeToken: Unicode.Scalar
  let endLine: Int

  /// ONBUILD triggers nest at most this deep (BuildKit itself rejects `ONBUILD ONBUILD`
  /// only in its typed layer).
  static let maximumNesting = 8

  private var scalars: [Unicode.Scalar] { line.scalars }

  func node(in range: Range<Int>, depth: Int = 0) throws(InputError) -> SyntaxNode {
    let bounds = Scalars.trimmedBounds(scalars, range.lowerBound, range.upperBound)
    var keywordEnd = bounds.lowerBound
    while keywordEnd < bounds.upperBound, !Scalars.isWordSeparator(scalars[keywordEnd]) { keywordEnd += 1 }
    let keyword = Scalars.string(scalars[bounds.lowerBound..<keywordEnd])
    var flags: [Located<String>] = []
    var restStart = bounds.upperBound
    if keywordEnd < bounds.upperBound {
      var afterSeparator = keywordEnd
      while afterSeparator < bounds.upperBound, Scalars.isWordSeparator(scalars[afterSeparator]) { afterSeparator += 1 }
      let scanned = FlagScanner.scan(scalars, from: afterSeparator, to: bounds.upperBound)
      flags = scanned.flags.map { Located($0.text, at: line.location(of: $0.offset)) }
      restStart = scanned.rest
    }
    let rest = Scalars.trimmedBounds(scalars, restStart, bounds.upperBound)
    // FROM and EXPOSE split at whitespace, and each word keeps where it starts.
    let located = ["from", "expose"].contains(keyword.lowercased()) ? whitespaceSplit(rest) : nil
    let (arguments, isJSON) = if let located { (SyntaxArguments.words(located.map(\.text)), false) } else { try split(keyword.lowercased(), rest, depth: depth) }
    return SyntaxNode(
      keyword: keyword, flags: flags, arguments: arguments, isJSON: isJSON,
      malformedExecForm: isJSON ? nil : malformedExecForm(keyword, rest), heredocs: [],
      location: line.location(of: bounds.lowerBound), argumentsLocation: line.location(of: rest.lowerBound),
      endLine: endLine, original: Scalars.string(scalars[range]),
      wordLocations: located?.map { line.location(of: $0.start) } ?? [])
  }

  private func split(_ keyword: String, _ rest: Range<Int>, depth: Int) throws(InputError) -> (SyntaxArguments, Bool) {
    switch keyword {
    case "run", "cmd", "entrypoint", "shell":
      let (words, isJSON) = try maybeJSON(rest, fallbackSplits: false)
      return (.words(words), isJSON)
    case "add", "copy", "volume":
      let (words, isJSON) = try maybeJSON(rest, fallbackSplits: true)
      return (.words(words), isJSON)
    case "env":
      return (.words(try keyValues(rest, instruction: "ENV")), false)
    case "label":
      return (.words(try keyValues(rest, instruction: "LABEL")), false)
    case "arg":
      return (.words(words(rest)), false)
    case "healthcheck":
      return try healthcheck(rest)
    case "maintainer", "user", "workdir", "stopsignal":
      return (.words(rest.isEmpty ? [] : [text(rest)]), false)
    case "onbuild":
      guard !rest.isEmpty else { return (.words([]), false) }
      guard depth < Self.maximumNesting else {
        throw InputError("ONBUILD triggers nested more than \(Self.maximumNesting) deep", at: line.location(of: rest.lowerBound))
      }
      return (.trigger(try node(in: rest, depth: depth + 1)), false)
    default:
      return (.words([""]), false)
    }
  }

  private func text(_ range: Range<Int>) -> String {
    Scalars.string(scalars[range])
  }

  /// JSON form if `rest` is a JSON array of strings; otherwise one word or a whitespace split.
  private func maybeJSON(_ rest: Range<Int>, fallbackSplits: Bool) throws(InputError) -> ([String], Bool) {
    guard !rest.isEmpty else { return ([], false) }
    if scalars[rest.lowerBound] == "[" {
      switch JSONArray.parse(scalars[rest]) {
      case .strings(let words):
        return (words, true)
      case .notAllStrings(let offset):
        throw InputError(
          "when using JSON array syntax, arrays must be comprised of strings only",
          at: line.location(of: rest.lowerBound + offset))
      case .invalid:
        break
      }
    }
    return fallbackSplits ? (whitespaceSplit(rest).map(\.text), false) : ([text(rest)], false)
  }

  /// Why arguments that begin with `[` did not read as a JSON array, for the keywords
  /// whose arguments may be the exec form; nil when they do not begin with `[` directly
  /// followed by more text.
  private func malformedExecForm(_ keyword: String, _ rest: Range<Int>) -> MalformedExecForm? {
    var start = rest.lowerBound
    switch keyword.lowercased() {
    case "run", "cmd", "entrypoint", "shell", "add", "copy", "volume":
      break
    case "healthcheck":
      while start < rest.upperBound, !Scalars.isSpace(scalars[start]) { start += 1 }
      start = Scalars.skipSpaces(scalars, from: start, to: rest.upperBound)
    default:
      return nil
    }
    // `[` followed by a blank is the shell's `test` command (`[ -f app.py ] && ...`).
    guard start + 1 < rest.upperBound, scalars[start] == "[", !Scalars.isWordSeparator(scalars[start + 1]),
      case .invalid(let failure) = JSONArray.parse(scalars[start..<rest.upperBound])
    else { return nil }
    var wordEnd = start
    while wordEnd < rest.upperBound, !Scalars.isWordSeparator(scalars[wordEnd]) { wordEnd += 1 }
    let instruction = keyword.lowercased() == "healthcheck" ? "HEALTHCHECK CMD" : keyword.uppercased()
    return MalformedExecForm(
      instruction: instruction, location: line.location(of: start + failure.offset), reason: failure.reason, firstWord: text(start..<wordEnd))
  }

  /// `rest` split at runs of whitespace, each word with the scalar offset where it starts.
  private func whitespaceSplit(_ rest: Range<Int>) -> [(text: String, start: Int)] {
    guard !rest.isEmpty else { return [] }
    var words: [(text: String, start: Int)] = []
    var start = rest.lowerBound
    var index = rest.lowerBound
    while index < rest.upperBound {
      if Scalars.isWordSeparator(scalars[index]) {
        words.append((text(start..<index), start))
        while index < rest.upperBound, Scalars.isWordSeparator(scalars[index]) { index += 1 }
        start = index
      } else {
        index += 1
      }
    }
    words.append((text(start..<rest.upperBound), start))
    return words
  }

  /// BuildKit's `parseWords`: whitespace separates words; quotes and escape tokens are kept
  /// but protect the whitespace they cover.
  func words(_ rest: Range<Int>) -> [String] {
    locatedWords(rest).map(\.text)
  }

  /// `words(rest)`, each with the scalar offset where it starts.
  func locatedWords(_ rest: Range<Int>) -> [(text: String, start: Int)] {
    enum Phase { case spaces, word, quote }
    var words: [(text: String, start: Int)] = []
    var start = rest.lowerBound
    var phase = Phase.spaces
    var word = String.UnicodeScalarView()
    var quote: Unicode.Scalar = "\""
    var blankOK = false
    var position = rest.lowerBound
    let end = rest.upperBound
    while true {
      if phase == .spaces {
        if position == end { break }
        if Scalars.isSpace(scalars[position]) {
          position += 1
          continue
        }
        phase = .word
        start = position
      }
      if position == end {
        if blankOK || !word.isEmpty { words.append((String(word), start)) }
        break
      }
      var scalar = scalars[position]
      if phase == .word {
        if Scalars.isSpace(scalar) {
          phase = .spaces
          if blankOK || !word.isEmpty { words.append((String(word), start)) }
          word = String.UnicodeScalarView()
          blankOK = false
          position += 1
          continue
        }
        if scalar == "'" || scalar == "\"" {
          quote = scalar
          blankOK = true
          phase = .quote
        }
        if scalar == escapeToken {
          if position + 1 == end {
            position += 1
            continue
          }
          word.append(scalar)
          position += 1
          scalar = scalars[position]
        }
        word.append(scalar)
        position += 1
        continue
      }
      if scalar == quote { phase = .word }
      if scalar == escapeToken && quote != "'" {
        if position + 1 == end {
          phase = .word
          position += 1
          continue
        }
        position += 1
        word.append(scalar)
        scalar = scalars[position]
      }
      word.append(scalar)
      position += 1
    }
    return words
  }

  /// ENV and LABEL: `key value…` (old form, one pair) or `k=v k2=v2…` (new form).
  private func keyValues(_ rest: Range<Int>, instruction: String) throws(InputError) -> [String] {
    let located = locatedWords(rest)
    let found = located.map(\.text)
    guard let first = found.first else { return [] }
    guard first.contains("=") else {
      var separator = rest.lowerBound
      while separator < rest.upperBound, !Scalars.isWordSeparator(scalars[separator]) { separator += 1 }
      guard separator < rest.upperBound else {
        throw InputError(
          "\(instruction) must have two arguments: `\(text(rest))` has no value (write `\(instruction) \(text(rest))=value`)",
          at: line.location(of: rest.lowerBound))
      }
      var valueStart = separator
      while valueStart < rest.upperBound, Scalars.isWordSeparator(scalars[valueStart]) { valueStart += 1 }
      return [text(rest.lowerBound..<separator), text(valueStart..<rest.upperBound), ""]
    }
    var result: [String] = []
    for (word, start) in located {
      guard let equals = word.firstIndex(of: "=") else {
        throw InputError(
          "Syntax error - can't find = in \"\(word)\". Must be of the form: name=value",
          at: line.location(of: start))
      }
      result += [String(word[..<equals]), String(word[word.index(after: equals)...]), "="]
    }
    return result
  }

  private func healthcheck(_ rest: Range<Int>) throws(InputError) -> (SyntaxArguments, Bool) {
    guard !rest.isEmpty else { return (.words([]), false) }
    var separator = rest.lowerBound
    while separator < rest.upperBound, !Scalars.isSpace(scalars[separator]) { separator += 1 }
    let next = Scalars.skipSpaces(scalars, from: separator, to: rest.upperBound)
    let (command, isJSON) = try maybeJSON(next..<rest.upperBound, fallbackSplits: false)
    return (.words([text(rest.lowerBound..<separator)] + command), isJSON)
  }
}

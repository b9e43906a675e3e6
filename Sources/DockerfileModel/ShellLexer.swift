import Diagnostics

/// BuildKit's word processor: quote removal, escapes and `$` substitution in one pass.
///
/// Rules (BuildKit `frontend/dockerfile/shell/lex.go`, "Environment replacement" in the
/// Dockerfile reference, https://docs.docker.com/reference/dockerfile/#environment-replacement):
/// - `'…'` is literal; `"…"` is literal except `$` substitution and the escape token, which
///   escapes only `"`, `$` and itself; outside quotes the escape token takes the next
///   character literally (and is dropped at the end of the text).
/// - `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`,
///   `${NAME:?message}`, `${NAME?message}`; with `:` an empty value counts as unset.
/// - `${NAME#…}`, `${NAME%…}` and `${NAME/…}` are recognised but not evaluated: the result
///   is marked unresolved rather than guessed.
/// A variable whose value is `.unknown` makes the result unresolved. Substitutions nest at
/// most `maximumDepth` levels, so hostile input cannot exhaust the stack.
struct ShellLexer {
  var escapeToken: Unicode.Scalar
  /// Keep quote characters in the output (used to find heredoc words).
  var rawQuotes = false
  /// Keep escape tokens in the output (used to find heredoc words).
  var rawEscapes = false
  /// Leave references to unset variables as written instead of substituting "".
  var skipUnsetEnv = false
  /// The value of a variable; nil when it is unset.
  var lookup: (String) -> VariableValue?
  /// The most UTF-8 bytes of variable values one `process` substitutes; past it the output
  /// is marked `exceedsLength` and further substitutions are empty. Values are counted as
  /// they are read, so `ENV B=${A}${A}…` with a 1 MiB A stops at the limit instead of
  /// building 100 MiB first (that took 43 s).
  var maximumSubstituted = Int.max

  static let maximumDepth = 64

  struct Output {
    /// The processed text, whitespace kept.
    var word: String
    /// The processed text split into words (shell field splitting after substitution).
    var words: [String]
    /// Why the result cannot be trusted (unknown variables, unevaluated forms); empty if resolved.
    var unresolvedReasons: [String]
    /// True when the substituted values exceeded `maximumSubstituted` (the text is incomplete).
    var exceedsLength = false
  }

  struct Failure: Error {
    var message: String
    /// Offset in the processed text where the problem was found.
    var offset: Int
  }

  func process(_ text: String) throws(Failure) -> Output {
    var state = State(lexer: self, scalars: Array(text.unicodeScalars))
    let (word, words) = try state.processStopOn(nil)
    return Output(word: word, words: words, unresolvedReasons: state.unresolvedReasons, exceedsLength: state.substituted > maximumSubstituted)
  }

  private struct State {
    let lexer: ShellLexer
    let scalars: [Unicode.Scalar]
    var position = 0
    var depth = 0
    var unresolvedReasons: [String] = []
    /// UTF-8 bytes of variable values substituted so far.
    var substituted = 0

    init(lexer: ShellLexer, scalars: [Unicode.Scalar]) {
      self.lexer = lexer
      self.scalars = scalars
    }

    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func next() -> Unicode.Scalar? {
      guard position < scalars.count else { return nil }
      defer { position += 1 }
      return scalars[position]
    }

    func failure(_ message: String) -> Failure {
      Failure(message: message, offset: min(position, scalars.count))
    }

    mutating func processStopOn(_ stop: Unicode.Scalar?) throws(Failure) -> (String, [String]) {
      var result = String.UnicodeScalarView()
      var words = WordCollector()
      while let scalar = peek {
        if let stop, scalar == stop {
          position += 1
          return (String(result), words.finish())
        }
        switch scalar {
        case "'":
          let text = try singleQuote()
          result.append(string: text)
          words.addRawString(text)
        case "\"":
          let text = try doubleQuote()
          result.append(string: text)
          words.addRawString(text)
        case "$":
          let text = try dollar()
          result.append(string: text)
          words.addString(text)
        default:
          position += 1
          var character = scalar
          if scalar == lexer.escapeToken {
            if lexer.rawEscapes {
              words.addRawString(String(scalar))
              result.append(scalar)
            }
            guard let escaped = next() else { break }
            character = escaped
            words.addRawChar(escaped)
          } else {
            words.addChar(scalar)
          }
          result.append(character)
        }
      }
      if let stop {
        throw failure("unexpected end of statement while looking for matching \(stop)")
      }
      return (String(result), words.finish())
    }

    mutating func singleQuote() throws(Failure) -> String {
      position += 1
      var result = String.UnicodeScalarView()
      if lexer.rawQuotes { result.append("'") }
      while true {
        guard let scalar = next() else {
          throw failure("unexpected end of statement while looking for matching single-quote")
        }
        if scalar == "'" {
          if lexer.rawQuotes { result.append("'") }
          return String(result)
        }
        result.append(scalar)
      }
    }

    mutating func doubleQuote() throws(Failure) -> String {
      position += 1
      var result = String.UnicodeScalarView()
      if lexer.rawQuotes { result.append("\"") }
      while true {
        guard let scalar = peek else {
          throw failure("unexpected end of statement while looking for matching double-quote")
        }
        switch scalar {
        case "\"":
          position += 1
          if lexer.rawQuotes { result.append("\"") }
          return String(result)
        case "$":
          result.append(string: try dollar())
        default:
          position += 1
          var character = scalar
          if scalar == lexer.escapeToken {
            guard let following = peek else { continue }
            if following == "\"" || following == "$" || following == lexer.escapeToken {
              if lexer.rawEscapes { result.append(scalar) }
              position += 1
              character = following
            }
          }
          result.append(character)
        }
      }
    }

    mutating func dollar() throws(Failure) -> String {
      let start = position
      position += 1
      guard peek == "{" else {
        let name = processName()
        if name.isEmpty { return "$" }
        return resolve(name, written: Scalars.string(scalars[start..<position]))
      }
      position += 1
      switch peek {
      case nil: throw failure("syntax error: missing '}'")
      case "{", "}", ":": throw failure("syntax error: bad substitution")
      default: break
      }
      let name = processName()
      guard let modifier = next() else { throw failure("syntax error: missing '}'") }
      switch modifier {
      case "}":
        return resolve(name, written: Scalars.string(scalars[start..<position]))
      case ":", "+", "-", "?", "#", "%", "/":
        var operation = modifier
        var nullIsUnset = false
        if modifier == ":" {
          nullIsUnset = true
          guard let following = next() else { throw failure("syntax error: missing '}'") }
          operation = following
          guard operation == "+" || operation == "-" || operation == "?" else {
            throw failure("unsupported modifier (:\(operation)) in substitution")
          }
        }
        depth += 1
        guard depth <= ShellLexer.maximumDepth else {
          throw failure("substitution nested more than \(ShellLexer.maximumDepth) levels deep")
        }
        let word: String
        do {
          (word, _) = try processStopOn("}")
        } catch {
          if peek == nil { throw failure("syntax error: missing '}'") }
          throw error
        }
        depth -= 1
        let written = Scalars.string(scalars[start..<position])
        let value = lexer.lookup(name)
        if value == nil && lexer.skipUnsetEnv { return written }
        if case .unknown = value {
          unresolvedReasons.append("`\(written)` depends on \(name), whose value is not known statically")
          return ""
        }
        let text: String? = if case .value(let text) = value { text } else { nil }
        let isUnset = text == nil || (nullIsUnset && text == "")
        switch operation {
        case "-":
          return isUnset ? word : substitute(text ?? "")
        case "+":
          return isUnset ? "" : word
        case "?":
          if isUnset {
            let fallback = text == nil ? "is not allowed to be unset" : "is not allowed to be empty"
            throw failure("\(name): \(word.isEmpty ? fallback : word)")
          }
          return substitute(text ?? "")
        default:
          unresolvedReasons.append("`\(written)` uses a pattern substitution, which is not evaluated")
          return ""
        }
      default:
        throw failure("unsupported modifier (\(modifier)) in substitution")
      }
    }

    /// A variable's value as output, counted against `maximumSubstituted` (empty past it).
    mutating func substitute(_ text: String) -> String {
      substituted += text.utf8.count
      return substituted > lexer.maximumSubstituted ? "" : text
    }

    mutating func resolve(_ name: String, written: String) -> String {
      switch lexer.lookup(name) {
      case .value(let text)?:
        return substitute(text)
      case .unknown?:
        unresolvedReasons.append("`\(written)` depends on \(name), whose value is not known statically")
        return ""
      case nil:
        return lexer.skipUnsetEnv ? written : ""
      }
    }

    mutating func processName() -> String {
      var name = String.UnicodeScalarView()
      while let scalar = peek {
        if name.isEmpty && Self.isDigit(scalar) {
          while let digit = peek, Self.isDigit(digit) {
            name.append(digit)
            position += 1
          }
          return String(name)
        }
        if name.isEmpty && "@*#?-$!0".unicodeScalars.contains(scalar) {
          position += 1
          return String(scalar)
        }
        guard Self.isLetter(scalar) || Self.isDigit(scalar) || scalar == "_" else { break }
        name.append(scalar)
        position += 1
      }
      return String(name)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
      scalar.properties.generalCategory == .decimalNumber
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
      default: return false
      }
    }
  }

  /// Shell field splitting of processed text: unquoted whitespace separates words.
  private struct WordCollector {
    var word = String.UnicodeScalarView()
    var words: [String] = []
    var inWord = false

    mutating func addChar(_ scalar: Unicode.Scalar) {
      if Scalars.isSpace(scalar) {
        if inWord && !word.isEmpty {
          words.append(String(word))
          word = String.UnicodeScalarView()
          inWord = false
        }
      } else {
        addRawChar(scalar)
      }
    }

    mutating func addRawChar(_ scalar: Unicode.Scalar) {
      word.append(scalar)
      inWord = true
    }

    mutating func addString(_ text: String) {
      for scalar in text.unicodeScalars { addChar(scalar) }
    }

    mutating func addRawString(_ text: String) {
      word.append(string: text)
      inWord = true
    }

    mutating func finish() -> [String] {
      if !word.isEmpty {
        words.append(String(word))
        word = String.UnicodeScalarView()
        inWord = false
      }
      return words
    }
  }
}

import Diagnostics

/// A `.dockerignore` file: which build-context paths the build never sees.
///
/// Syntax (Docker's ".dockerignore files", https://docs.docker.com/build/concepts/context/#dockerignore-files,
/// implemented by moby/patternmatcher `ignorefile.ReadAll` and `MatchesOrParentMatches`):
/// - one pattern per line; a line starting with `#` is a comment; blank lines are skipped;
///   surrounding whitespace is trimmed;
/// - `!` makes an exception that re-includes what earlier patterns excluded;
/// - each pattern is cleaned like Go's `filepath.Clean` (`./a/` → `a`) and a leading `/`
///   is dropped, so patterns are relative to the context root;
/// - Go `filepath.Match` syntax (`*`, `?`, `[…]`, `\` escapes; `*` does not cross `/`),
///   plus `**` for any number of directories (`**/*.go`), and a trailing `**` for
///   everything below;
/// - a pattern that matches a directory excludes everything beneath it;
/// - patterns apply in order and the last one that matches a path decides.
/// A bare `!` or a malformed pattern (an unclosed `[`, a trailing `\`) is an `InputError`.
public struct DockerIgnore: Sendable {
  /// One pattern: as written (at its line and column) and as the matcher uses it.
  public struct Pattern: Sendable {
    public var written: Located<String>
    /// The cleaned pattern without its `!`.
    public var cleaned: String
    public var isException: Bool
    let matcher: Matcher
  }

  enum Matcher: Sendable {
    case exact(String)
    case prefix(String)
    case suffix(String)
    case automaton(PathPattern)
  }

  public var file: String
  public var patterns: [Pattern]

  public init(file: String, patterns: [Pattern]) {
    self.file = file
    self.patterns = patterns
  }

  /// The most patterns a `.dockerignore` may hold (10,000; real ones hold tens to a few
  /// hundred). Every path the checks ask about is matched against every pattern, as
  /// Docker does, so this bounds the work: 150,000 patterns took 25 s and 450 MB, 588,000
  /// (16 MiB) 88 s and 1.4 GB. Docker itself sets no limit.
  public static let maximumPatterns = 10_000

  /// Parses the text of a `.dockerignore` file.
  /// - Throws: `InputError` at a malformed pattern, or at the pattern past `maximumPatterns`.
  public static func parse(_ source: SourceText) throws(InputError) -> DockerIgnore {
    var patterns: [Pattern] = []
    // Split as Docker's reader splits (`PhysicalLines`): at LF only, so a lone CR is part
    // of its line (`#note\r!app.py` is one comment).
    let lines = try PhysicalLines.split(source.text, file: source.file) { bytes in
      "line of \(bytes) bytes is longer than Docker reads: its .dockerignore reader (Go bufio.Scanner at the default 64 KiB) refuses a line of more than \(PhysicalLines.maximumLineBytes) bytes (\"bufio.Scanner: token too long\")"
    }
    for (offset, scalars) in lines.enumerated() {
      if scalars.first == "#" { continue }
      let bounds = Scalars.trimmedBounds(scalars, 0, scalars.count)
      guard !bounds.isEmpty else { continue }
      let location = SourceLocation(file: source.file, line: offset + 1, column: bounds.lowerBound + 1)
      guard patterns.count < maximumPatterns else {
        throw InputError("more than \(maximumPatterns) patterns; vibe-rules matches every checked path against every pattern and stops here", at: location)
      }
      var text = Scalars.string(scalars[bounds])
      let isException = text.hasPrefix("!")
      if isException {
        text = GoQuote.trimSpace(String(text.dropFirst()))
        guard !text.isEmpty else { throw InputError("illegal exclusion pattern: \"!\" (an exception needs a pattern)", at: location) }
      }
      var cleaned = PathClean.clean(text)
      if cleaned.count > 1, cleaned.hasPrefix("/") { cleaned.removeFirst() }
      let matcher: Matcher
      do {
        matcher = try compile(cleaned)
      } catch {
        throw InputError("\(error.message) in `\(text)`", at: location)
      }
      patterns.append(Pattern(written: Located(Scalars.string(scalars[bounds]), at: location), cleaned: cleaned, isException: isException, matcher: matcher))
    }
    return DockerIgnore(file: source.file, patterns: patterns)
  }

  /// The steps one check may spend matching paths against the patterns (64 M, well under
  /// a second): see `match(path:budget:)`. Every path is matched against every pattern,
  /// as Docker does, and a pattern's automaton takes one step per character and live
  /// state, so a file of 10,000 patterns like `!**/*a*a*…*a*qN` against a few hundred deep
  /// paths took minutes. A check that spends its steps leaves the paths it has not
  /// decided undecided.
  public static let matchBudget = 1 << 26

  /// The steps for matching one path on its own, where callers may ask for many paths one
  /// at a time (1 M: a real `.dockerignore` takes a few thousand for a path).
  public static let pathMatchBudget = 1 << 20

  /// Whether `path` (relative to the context root, `/` separated) is left out of the
  /// build context, and the pattern that decided: the excluding pattern, or the exception
  /// that re-included the path; pattern nil when no pattern matches. The context root
  /// itself (`.`) is never excluded. nil (undecided) when matching takes more steps than
  /// `budget` holds (one step per character of the path and live automaton state, see
  /// `matchBudget`); `budget` is reduced by the steps taken.
  public func match(path: String, budget: inout Int) -> (excluded: Bool, pattern: Located<String>?)? {
    var file = PathClean.clean(path)
    while file.hasPrefix("/") { file.removeFirst() }
    if file.isEmpty || file == "." { return (false, nil) }
    let components = file.split(separator: "/")
    var parents: [String] = []
    var prefix = ""
    for component in components.dropLast() {
      prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
      parents.append(prefix)
    }
    var excluded = false
    var decider: Located<String>?
    for pattern in patterns where pattern.isException == excluded {
      let matched: Bool
      if case .automaton(let automaton) = pattern.matcher {
        guard let result = automaton.matchesSelfOrParent(file, budget: &budget) else { return nil }
        matched = result
      } else {
        budget -= file.utf8.count + parents.count
        guard budget >= 0 else { return nil }
        matched = Self.matches(pattern.matcher, file) || parents.contains { Self.matches(pattern.matcher, $0) }
      }
      if matched {
        excluded = !pattern.isException
        decider = pattern.written
      }
    }
    return (excluded, decider)
  }

  /// `match(path:budget:)` with no bound on the steps, for tests.
  func match(path: String) -> (excluded: Bool, pattern: Located<String>?) {
    var budget = Int.max
    return match(path: path, budget: &budget)!
  }

  private static func matches(_ matcher: Matcher, _ path: String) -> Bool {
    switch matcher {
    case .exact(let text): return path == text
    case .prefix(let text): return path.hasPrefix(text)
    case .suffix(let text):
      if path.hasSuffix(text) { return true }
      return text.hasPrefix("/") && path == String(text.dropFirst())
    case .automaton(let automaton): return automaton.matches(path)
    }
  }

  /// Compiles a cleaned pattern as moby/patternmatcher does: plain text matches exactly,
  /// text ending in `**` by prefix, `**` + plain text by suffix, anything else as a
  /// pattern.
  static func compile(_ pattern: String) throws(PathPattern.SyntaxError) -> Matcher {
    enum Kind { case exact, prefix, suffix, automaton }
    let scalars = Array(pattern.unicodeScalars)
    var tokens: [PathPattern.Token] = []
    var kind = Kind.exact
    var index = 0
    var iteration = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      defer { iteration += 1 }
      switch scalar {
      case "*":
        if index < scalars.count, scalars[index] == "*" {
          index += 1
          if index < scalars.count, scalars[index] == "/" { index += 1 }
          if index == scalars.count {
            if kind == .exact {
              kind = .prefix
            } else {
              PathPattern.appendWildcard(.anything, to: &tokens)
              kind = .automaton
            }
          } else {
            PathPattern.appendWildcard(.anyDirectories, to: &tokens)
            kind = .automaton
          }
          if iteration == 0 { kind = .suffix }
        } else {
          PathPattern.appendWildcard(.starButSlash, to: &tokens)
          kind = .automaton
        }
      case "?":
        tokens.append(.anyButSlash)
        kind = .automaton
      case "\\":
        guard index < scalars.count else {
          throw PathPattern.SyntaxError(message: "syntax error in pattern: trailing backslash", offset: index - 1)
        }
        tokens.append(.literal(scalars[index]))
        index += 1
        kind = .automaton
      case "[":
        let (characterClass, next) = try PathPattern.characterClass(scalars, at: index - 1)
        tokens.append(.characterClass(characterClass))
        index = next
        kind = .automaton
      default:
        tokens.append(.literal(scalar))
      }
    }
    switch kind {
    case .exact: return .exact(pattern)
    case .prefix: return .prefix(String(pattern.dropLast(2)))
    case .suffix:
      let suffix = String(pattern.dropFirst(2))
      // `**` alone, or `**/name`: the suffix test; the automaton covers the rest.
      return .suffix(suffix)
    case .automaton: return .automaton(PathPattern(tokens: tokens))
    }
  }
}

import Diagnostics

/// State shared by every `Parser` reading one script (the script, backquoted text and
/// here-document bodies).
///
/// Here-document bodies come after the command that names them (Bash Reference Manual,
/// 3.6.6), so a redirection read before its body holds an empty placeholder; the body is
/// recorded under the location of its `<<` operator when the line ends, and the top-level
/// statement holding the placeholder is read again once every body is known.
final class ParseSession {
  let maximumDepth: Int
  var hereDocuments: [SourceLocation: HereDocument] = [:]
  var directives: [SourceLocation: ShellCheckDirective] = [:]
  /// How many redirections got a placeholder instead of their here-document body.
  var placeholders = 0
  /// Simple commands read so far (a statement read again for its here-documents counts twice).
  var simpleCommands = 0
  /// Words read so far, nested ones included (`${X:-word}`, array elements), counted like
  /// `simpleCommands`.
  var words = 0
  /// Quoted strings and expansions read so far (`$X`, `${X}`, `$( )`, `` ` ` ``, `'…'`,
  /// `"…"`, `<( )`), counted like `words`.
  var parts = 0

  /// The most simple commands a script may hold: each is recorded once per config env
  /// walk (100,000 `X=1` lines measured 336 MB for two envs), so 16 MB of them took 10 GB;
  /// 199,000 `X=1` lines take 383 MiB and 195,000 `echo a` lines 644 MiB (measured
  /// 2026-12-01, release build). Real deploy scripts hold hundreds.
  static let maximumSimpleCommands = 200_000

  /// The most words a script may hold. Each is resolved and kept once per config env walk,
  /// so one command of 1,000,000 words (a 2 MB script) took 576 MiB and 5 s for two envs,
  /// one of 390,000 words 229 MiB (measured 2026-12-01, release build). Real deploy scripts
  /// hold thousands.
  static let maximumWords = 400_000

  /// The most quoted strings and expansions a script may hold. Each is a part of its word,
  /// resolved and kept once per config env walk: one word of 2,000,000 `$X` (a 4 MB
  /// script) took 1.2 GB for two envs; a here-document of 200,000 lines of ten `$X`,
  /// 1.3 GB. Real deploy scripts hold thousands.
  static let maximumParts = 400_000

  init(maximumDepth: Int) {
    self.maximumDepth = maximumDepth
  }

  /// What the parse counts against a limit.
  enum Counted {
    case simpleCommand, word, part
  }

  /// Counts one more `what`.
  ///
  /// - Throws: `InputError` at `location` for the first past its limit
  ///   (`maximumSimpleCommands`, `maximumWords`, `maximumParts`).
  func count(_ what: Counted, at location: @autoclosure () -> SourceLocation) throws(InputError) {
    let (count, limit, name, cost): (Int, Int, String, String)
    switch what {
    case .simpleCommand:
      simpleCommands += 1
      (count, limit, name, cost) = (simpleCommands, Self.maximumSimpleCommands, "commands", "each is walked once per config env")
    case .word:
      words += 1
      (count, limit, name, cost) = (words, Self.maximumWords, "words", "each is walked once per config env")
    case .part:
      parts += 1
      (count, limit, name, cost) = (parts, Self.maximumParts, "quoted strings and expansions", "each is resolved once per config env")
    }
    guard count > limit else { return }
    throw InputError("the script has more than \(limit) \(name); vibe-rules reads deploy scripts of up to \(limit) (\(cost))", at: location())
  }
}

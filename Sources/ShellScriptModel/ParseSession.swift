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

  /// The most simple commands a script may hold: each is recorded once per config env
  /// walk (100,000 `X=1` lines measured 336 MB for two envs), so 16 MB of them took 10 GB;
  /// 200,000 would be about twice that 336 MB (an estimate, not measured). Real deploy
  /// scripts hold hundreds.
  static let maximumSimpleCommands = 200_000

  init(maximumDepth: Int) {
    self.maximumDepth = maximumDepth
  }
}

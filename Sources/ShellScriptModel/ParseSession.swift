import Diagnostics

/// State shared by every `Parser` reading one script (the script, backquoted text and
/// here-document bodies).
///
/// Here-document bodies come after the command that names them (Bash Reference Manual,
/// 3.6.6), so the first pass records each body under the location of its `<<` operator;
/// when a script has here-documents, a second pass attaches the recorded bodies.
final class ParseSession {
  let maximumDepth: Int
  var hereDocuments: [SourceLocation: HereDocument] = [:]
  var directives: [SourceLocation: ShellCheckDirective] = [:]
  var sawHereDocument = false

  init(maximumDepth: Int) {
    self.maximumDepth = maximumDepth
  }
}

import Diagnostics

/// What ends a list of statements being parsed, and what to say when it does not end.
struct ListEnd {
  /// Reserved words that end the list (`then`, `fi`, `done`, `}`, `esac` ...).
  var keywords: Set<String> = []
  /// True inside `( ... )` and `$( ... )`.
  var closesWithParenthesis = false
  /// True inside a case item (`;;`, `;&`, `;;&`).
  var closesWithCaseTerminator = false
  /// The construct being read (`if`, `$(`) and where it started, for messages.
  var opener: String?
  var openerLocation: SourceLocation?
  /// The word that closes the construct (`fi`, `)`).
  var expected: String?

  init(
    keywords: Set<String> = [], closesWithParenthesis: Bool = false, closesWithCaseTerminator: Bool = false,
    opener: String? = nil, at openerLocation: SourceLocation? = nil, expected: String? = nil
  ) {
    self.keywords = keywords
    self.closesWithParenthesis = closesWithParenthesis
    self.closesWithCaseTerminator = closesWithCaseTerminator
    self.opener = opener
    self.openerLocation = openerLocation
    self.expected = expected
  }

  /// The end of the whole script.
  static let program = ListEnd()
}

import Diagnostics

/// A token and where it is.
struct Lexeme {
  var token: Token
  /// Index where lexing started (before blanks and comments).
  var origin: Int
  /// Index of the token's first scalar.
  var start: Int
  /// Index just after the token.
  var end: Int
  var location: SourceLocation
}

import Diagnostics

/// One token in command position.
enum Token {
  case word(Word)
  case control(ControlOperator)
  case redirection(fileDescriptor: Int?, variable: String?, op: Redirection.Operator)
  case newline
  case end

  /// How the token reads in an error message.
  var display: String {
    switch self {
    case .word(let word): return word.text
    case .control(let op): return op.rawValue
    case .redirection(let fd, let variable, let op):
      return (fd.map(String.init) ?? variable.map { "{\($0)}" } ?? "") + op.rawValue
    case .newline: return "newline"
    case .end: return "end of file"
    }
  }

  /// The reserved word this token is, when it is an unquoted word that can be one.
  var reservedWord: String? {
    guard case .word(let word) = self, word.parts.count == 1, case .literal(let text) = word.parts[0].kind else { return nil }
    return Token.reservedWords.contains(text) ? text : nil
  }

  static let reservedWords: Set<String> = [
    "if", "then", "elif", "else", "fi", "do", "done", "case", "esac", "while", "until", "for",
    "select", "function", "{", "}", "!", "[[", "in", "time", "coproc",
  ]

  /// Reserved words that close or continue a construct and cannot start a command.
  static let closingWords: Set<String> = ["then", "elif", "else", "fi", "do", "done", "esac", "}"]
}

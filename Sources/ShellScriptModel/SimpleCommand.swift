import Diagnostics

/// A simple command: assignments, words and redirections (Bash Reference Manual,
/// 3.2.2 "Simple Commands"). When `words` is empty the statement only assigns variables
/// (`IMAGE_TAG="$(git rev-parse --short HEAD)"`).
public struct SimpleCommand: Sendable, Hashable {
  /// Assignments written before the command name (`AWS_PAGER= aws ...`), or the whole
  /// statement when there is no command name.
  public var assignments: [Assignment]
  /// The command name followed by its arguments, as written.
  public var words: [Word]
  public var redirections: [Redirection]

  public init(assignments: [Assignment], words: [Word], redirections: [Redirection]) {
    self.assignments = assignments
    self.words = words
    self.redirections = redirections
  }

  /// The command name word, if any.
  public var name: Word? { words.first }
  /// The words after the command name.
  public var arguments: [Word] { Array(words.dropFirst()) }
  /// True when the statement only assigns variables (and maybe redirects).
  public var isAssignmentOnly: Bool { words.isEmpty && !assignments.isEmpty }

  /// The builtins whose `NAME=value` arguments are assignments.
  public static let declarationBuiltins: Set<String> = ["local", "export", "declare", "typeset", "readonly"]

  /// For `local|export|declare|typeset|readonly NAME=value ...`: the assignments among the
  /// arguments. These mask the exit status of a command substitution in the value: the
  /// builtin's own status is what `$?` and `set -e` see (ShellCheck SC2155).
  public var declarationAssignments: [Assignment] {
    guard let name = name?.literalValue, Self.declarationBuiltins.contains(name) else { return [] }
    return arguments.compactMap(Assignment.init(word:))
  }
}

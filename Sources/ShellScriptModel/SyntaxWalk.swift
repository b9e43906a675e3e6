/// Visits statements and words of a syntax tree in source order.
///
/// Recursion depth is bounded by the parser's nesting limit
/// (`ShellScript.maximumNestingDepth`), so walking never overflows the stack.
enum SyntaxWalk {
  /// Calls `visit` for every statement in `statements` and below, pre-order, including
  /// statements inside command substitutions and function bodies.
  static func forEachStatement(in statements: [Statement], _ visit: (Statement) -> Void) {
    for statement in statements {
      visit(statement)
      forEachWord(in: statement, descend: false) { word in
        forEachSubstitution(in: word.parts) { forEachStatement(in: $0.statements, visit) }
      }
      forEachStatement(in: statement.children, visit)
    }
  }

  /// Calls `visit` for every word written in `statement` (command words, assignment values,
  /// redirection targets, case subjects and patterns, for-words, `[[` words); with
  /// `descend`, also for words of nested statements (not those inside substitutions).
  static func forEachWord(in statement: Statement, descend: Bool = true, _ visit: (Word) -> Void) {
    for redirection in statement.redirections { visitRedirection(redirection, visit) }
    switch statement.kind {
    case .simple(let command):
      for assignment in command.assignments { for word in assignment.value.words { visit(word) } }
      for word in command.words { visit(word) }
      for redirection in command.redirections { visitRedirection(redirection, visit) }
    case .conditional(let command): for word in command.words { visit(word) }
    case .caseClause(let clause):
      visit(clause.subject)
      for item in clause.items { for word in item.patterns { visit(word) } }
    case .forClause(let clause):
      if case .words(_, let words) = clause.header { for word in words ?? [] { visit(word) } }
    case .coprocess(let coprocess):
      if let name = coprocess.name { visit(name) }
    default: break
    }
    if descend {
      for child in statement.children { forEachWord(in: child, descend: true, visit) }
    }
  }

  private static func visitRedirection(_ redirection: Redirection, _ visit: (Word) -> Void) {
    if let target = redirection.target { visit(target) }
    if let document = redirection.hereDocument, !document.isQuoted {
      visit(Word(parts: document.parts, location: document.bodyLocation, text: document.body))
    }
  }

  /// Calls `visit` for each command or process substitution among `parts` (not nested ones).
  static func forEachSubstitution(in parts: [WordPart], _ visit: (CommandSubstitution) -> Void) {
    for part in parts {
      switch part.kind {
      case .commandSubstitution(let substitution), .processSubstitution(let substitution, _): visit(substitution)
      case .doubleQuoted(let inner): forEachSubstitution(in: inner, visit)
      case .parameter(let expansion): for word in expansion.operation.words { forEachSubstitution(in: word.parts, visit) }
      case .arrayLiteral(let words): for word in words { forEachSubstitution(in: word.parts, visit) }
      default: break
      }
    }
  }
}

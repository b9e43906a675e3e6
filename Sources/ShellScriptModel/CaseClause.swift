import Diagnostics

/// `case word in [(] pattern [| pattern]... ) list ;; ... esac`
/// (Bash Reference Manual, 3.2.5.2 "Conditional Constructs").
public struct CaseClause: Sendable, Hashable {
  /// How a case item ends.
  public enum Terminator: String, Sendable, Hashable {
    /// `;;`: stop after this item.
    case `break` = ";;"
    /// `;&`: run the next item's list too.
    case fallThrough = ";&"
    /// `;;&`: keep testing the following patterns.
    case continueMatching = ";;&"
    /// No terminator: the last item before `esac`.
    case none = ""
  }

  public struct Item: Sendable, Hashable {
    public var patterns: [Word]
    public var body: [Statement]
    public var terminator: Terminator
    /// Where the first pattern (or the optional `(`) is.
    public var location: SourceLocation

    public init(patterns: [Word], body: [Statement], terminator: Terminator, location: SourceLocation) {
      self.patterns = patterns
      self.body = body
      self.terminator = terminator
      self.location = location
    }
  }

  public var subject: Word
  public var items: [Item]

  public init(subject: Word, items: [Item]) {
    self.subject = subject
    self.items = items
  }
}

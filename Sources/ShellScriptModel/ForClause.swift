import Diagnostics

/// `for NAME [in words]; do list; done`, `select NAME ...`, and `for (( init; test; step ))`
/// (Bash Reference Manual, 3.2.5.1 "Looping Constructs" and 3.2.5.2 for `select`).
public struct ForClause: Sendable, Hashable {
  public enum Header: Sendable, Hashable {
    /// The loop variable and the words after `in`; nil words means `in "$@"`.
    case words(variable: String, words: [Word]?)
    /// The text between `((` and `))`.
    case arithmetic(String)
  }

  /// True for `select`.
  public var isSelect: Bool
  public var header: Header
  public var body: [Statement]

  public init(isSelect: Bool, header: Header, body: [Statement]) {
    self.isSelect = isSelect
    self.header = header
    self.body = body
  }
}

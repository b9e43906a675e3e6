/// A position in one of the checked files.
///
/// `line` and `column` are 1-based. Columns count Unicode scalars, as libyaml's
/// marks (and so Yams' `Mark`) do; the Dockerfile and shell readers count the same way.
/// `file` is the path as the user will read it: relative to the checked root when the
/// file lies under it, otherwise as given.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// The start of `file`: for findings and errors about a file as a whole.
  public static func start(of file: String) -> SourceLocation {
    SourceLocation(file: file, line: 1, column: 1)
  }

  /// `file:line:column`, the prefix compilers and linters print.
  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

import Diagnostics

/// Maps an index in the scalars a `Parser` reads to a line and column of the file.
///
/// The script itself uses a table of line starts. Text the parser re-reads after a
/// transformation (the inside of backquotes after `\$` lost its backslash, a here-document
/// body after `<<-` removed its tabs) carries one explicit position per scalar.
struct SourceMap {
  let file: String
  private let lineStarts: [Int]
  private let positions: [(line: Int, column: Int)]?

  /// A map for `scalars` where `\n` ends a line.
  init(file: String, scalars: [Unicode.Scalar]) {
    self.file = file
    var starts = [0]
    for (index, c) in scalars.enumerated() where c == "\n" { starts.append(index + 1) }
    lineStarts = starts
    positions = nil
  }

  /// A map with explicit positions; `positions` has one more entry than the text (its end).
  init(file: String, positions: [(line: Int, column: Int)]) {
    self.file = file
    lineStarts = []
    self.positions = positions
  }

  func position(_ index: Int) -> (line: Int, column: Int) {
    var hint = 0
    return position(index, hint: &hint)
  }

  /// `hint` is a line number (0-based) to try first; readers move forward through the
  /// text, so the line of the previous lookup usually answers without a search.
  func position(_ index: Int, hint: inout Int) -> (line: Int, column: Int) {
    if let positions {
      return positions[min(max(index, 0), positions.count - 1)]
    }
    if hint < lineStarts.count, lineStarts[hint] <= index {
      if hint + 1 == lineStarts.count || index < lineStarts[hint + 1] { return (hint + 1, index - lineStarts[hint] + 1) }
      if hint + 2 == lineStarts.count || (index >= lineStarts[hint + 1] && index < lineStarts[hint + 2]) {
        hint += 1
        return (hint + 1, index - lineStarts[hint] + 1)
      }
    }
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
    }
    hint = low
    return (low + 1, index - lineStarts[low] + 1)
  }

  func location(_ index: Int, hint: inout Int) -> SourceLocation {
    let (line, column) = position(index, hint: &hint)
    return SourceLocation(file: file, line: line, column: column)
  }
}

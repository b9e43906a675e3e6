import Diagnostics

extension String {
  /// The text cut into lines of at most `width` terminal columns (`TerminalColumns`) at
  /// its spaces (U+0020), greedily: each line takes as many words as fit. A word longer
  /// than `width` (a long path or URL) is a line of its own, never cut, so it can still be
  /// copied whole. Runs of spaces are kept inside a line and dropped where a line ends.
  /// `width` below 1 counts as 1. The lines joined with single spaces give the text back
  /// when it has no runs of spaces at a cut.
  ///
  /// For the table's titles and WHERE / WHY cells on a terminal (`TableRenderer.width`).
  func wrapped(to width: Int) -> [String] {
    let width = Swift.max(1, width)
    guard TerminalColumns.of(self) > width else { return [self] }
    var lines: [String] = []
    var line = ""
    var lineCount = 0
    for word in split(separator: " ", omittingEmptySubsequences: false) {
      let wordCount = TerminalColumns.of(word)
      if lineCount == 0 && line.isEmpty {
        line = String(word)
        lineCount = wordCount
      } else if lineCount + 1 + wordCount <= width {
        line += " "
        line += word
        lineCount += 1 + wordCount
      } else {
        lines.append(line.droppingTrailingSpaces)
        line = String(word)
        lineCount = wordCount
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line.droppingTrailingSpaces) }
    return lines
  }
}

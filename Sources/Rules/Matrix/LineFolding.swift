extension String {
  /// The text with every line break (LF, CR, CR LF, VT, FF, NEL, U+2028, U+2029) made a
  /// space: a value quoted from the files (a config env name, a path) stays on the line of
  /// the one-line diagnostic or table row that quotes it, instead of starting a line that
  /// reads as a diagnostic of its own. The JSON and SARIF reports and JUnit's attributes
  /// keep it exact; JUnit's `<failure>` and `<system-out>` text, a finding per line, folds it.
  public var foldingLineBreaks: String {
    guard contains(where: \.isNewline) else { return self }
    return String(map { $0.isNewline ? " " : $0 })
  }
}

extension String {
  /// The text with every line break (LF, CR, CR LF, VT, FF, NEL, U+2028, U+2029) made a
  /// space: a value quoted from the files (a config env name, a path) stays on the line of
  /// the one-line diagnostic or table row that quotes it, instead of starting a line that
  /// reads as a diagnostic of its own. The JSON and SARIF reports and JUnit's attributes
  /// keep it exact; JUnit's `<failure>` and `<system-out>` text, a finding per line, folds it.
  public var foldingLineBreaks: String {
    let mayHaveLineBreak = utf8.withContiguousStorageIfAvailable { $0.contains(where: Self.mayBelongToLineBreak) } ?? utf8.contains(where: Self.mayBelongToLineBreak)
    guard mayHaveLineBreak, contains(where: \.isNewline) else { return self }
    return String(map { $0.isNewline ? " " : $0 })
  }

  /// Whether a UTF-8 byte may belong to a line break: LF, VT, FF and CR themselves, the
  /// last byte of NEL (C2 85), of U+2028 (E2 80 A8) and of U+2029 (E2 80 A9). A byte
  /// scan first, since most text has none and reading it by `Character` (grapheme
  /// breaking) cost half of the table's rendering; over the contiguous bytes, since
  /// iterating `utf8` cost about ten instructions a byte.
  private static func mayBelongToLineBreak(_ byte: UInt8) -> Bool {
    (0x0A...0x0D).contains(byte) || byte == 0x85 || byte == 0xA8 || byte == 0xA9
  }
}

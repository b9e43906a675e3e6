import Diagnostics

/// One instruction's text after line continuations are joined, with a map back to the
/// physical line and column of every scalar.
///
/// BuildKit concatenates the pieces of a continued instruction with nothing in between
/// (`parser.go`, `Parse`); the map lets an error inside the joined text name the physical
/// position it came from.
struct LogicalLine {
  private(set) var scalars: [Unicode.Scalar] = []
  private var segments: [(offset: Int, line: Int, column: Int)] = []
  let file: String

  init(file: String) {
    self.file = file
  }

  /// Appends `piece`, whose first scalar sits at `line`:`column`.
  mutating func append(_ piece: ArraySlice<Unicode.Scalar>, line: Int, column: Int) {
    guard !piece.isEmpty else { return }
    segments.append((scalars.count, line, column))
    scalars.append(contentsOf: piece)
  }

  /// Where the scalar at `offset` was written (the end of the text maps past its last scalar).
  func location(of offset: Int) -> SourceLocation {
    guard !segments.isEmpty else { return SourceLocation(file: file, line: 1, column: 1) }
    var low = 0
    var high = segments.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if segments[middle].offset <= offset { low = middle } else { high = middle - 1 }
    }
    let segment = segments[low]
    return SourceLocation(file: file, line: segment.line, column: segment.column + max(0, offset - segment.offset))
  }
}

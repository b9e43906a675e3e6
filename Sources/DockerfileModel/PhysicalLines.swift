/// Splits decoded text into physical lines the way `SourceText` counts them.
///
/// CRLF, LF and a lone CR each end a line, so line numbers agree with every other reader.
/// A final line terminator does not start an extra, empty line (Go's `bufio.Scanner`, which
/// BuildKit reads with, behaves the same). BuildKit itself splits on LF only; a lone CR is
/// so rare in a Dockerfile that agreeing with `SourceText` matters more.
enum PhysicalLines {
  static func split(_ text: String) -> [[Unicode.Scalar]] {
    var lines: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    var pendingCR = false
    for scalar in text.unicodeScalars {
      if pendingCR {
        pendingCR = false
        if scalar == "\n" { continue }
      }
      switch scalar {
      case "\n":
        lines.append(current)
        current = []
      case "\r":
        lines.append(current)
        current = []
        pendingCR = true
      default:
        current.append(scalar)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}

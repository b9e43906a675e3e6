import Diagnostics

/// Splits a Dockerfile's decoded text into physical lines the way BuildKit reads them.
///
/// BuildKit (`frontend/dockerfile/parser/parser.go`, `Parse`) reads with a `bufio.Scanner`
/// whose split function (`scanLines`) ends a line at LF only, then removes every trailing
/// CR and LF from it (`trimNewline`: `bytes.TrimRight(src, "\r\n")`). So:
/// - LF ends a line; CRLF ends a line too (its CR is trimmed), as do several CRs before LF;
/// - a lone CR (not followed by LF, or followed by more text) does NOT end a line: it is a
///   character of the line. `# drop root\rUSER app` is one comment line for BuildKit, and
///   no USER instruction;
/// - a final line terminator does not start an extra, empty line.
///
/// Line numbers are therefore BuildKit's (LF count), which differ from `SourceText.lines`
/// (which also breaks at a lone CR) only in a file that has a lone CR.
///
/// The scanner never raises its buffer (`Parse` calls no `scanner.Buffer`), so a line
/// must fit Go's default maximum token size, `bufio.MaxScanTokenSize` = 64 KiB = 65,536
/// bytes, including its LF: BuildKit fails with `dockerfile line greater than max allowed
/// size of 65535` (`handleScannerError`) for any physical line with more than 65,535 bytes
/// before its LF (CRs included; a final line without LF is refused from 65,536 bytes, when
/// it fills the buffer before the end of the file is seen). Comments, continuation
/// lines and heredoc bodies go through the same scanner, so the limit applies to every
/// physical line; a logical line joined from several physical lines has no limit.
/// (A UTF-8 byte-order mark, which BuildKit strips after scanning the first line, is not
/// counted: `SourceText` has removed it.)
///
/// Docker reads a `.dockerignore` with the same scanner at the same default size
/// (moby/patternmatcher `ignorefile.ReadAll`, `bufio.ScanLines`): it drops one CR before
/// the LF and trims the rest with the surrounding space, so `DockerIgnore` splits with
/// this too, naming its own reader when a line is too long.
enum PhysicalLines {
  /// BuildKit's longest physical line in bytes, without its LF: `bufio.MaxScanTokenSize - 1`.
  static let maximumLineBytes = 65_535

  /// The lines, each without its LF and trailing CRs.
  ///
  /// - Throws: `InputError` at column 1 of the first line longer than `maximumLineBytes`
  ///   UTF-8 bytes (before its LF), with the message `refusal` gives for its length
  ///   (BuildKit's, by default).
  static func split(_ text: String, file: String, refusal: (_ bytes: Int) -> String = dockerfileRefusal) throws(InputError) -> [[Unicode.Scalar]] {
    var lines: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    var bytes = 0
    func finish() throws(InputError) {
      guard bytes <= maximumLineBytes else {
        throw InputError(refusal(bytes), at: SourceLocation(file: file, line: lines.count + 1, column: 1))
      }
      while current.last == "\r" { current.removeLast() }
      lines.append(current)
      current = []
      bytes = 0
    }
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        try finish()
      } else {
        current.append(scalar)
        bytes += UTF8.width(scalar)
      }
    }
    if !current.isEmpty { try finish() }
    return lines
  }

  static func dockerfileRefusal(_ bytes: Int) -> String {
    "Dockerfile line of \(bytes) bytes is longer than BuildKit reads: its scanner (Go bufio.Scanner at the default bufio.MaxScanTokenSize, 64 KiB) refuses a line of more than \(maximumLineBytes) bytes (\"dockerfile line greater than max allowed size of \(maximumLineBytes)\"); split it with line continuations"
  }
}

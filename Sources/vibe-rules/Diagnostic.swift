import Diagnostics
import Foundation
import ProjectModel

/// Writing diagnostics to standard error.
enum Diagnostic {
  /// The `--root` of the command's project once it is loaded: where an `InputError` that
  /// ends the command reads the source line it quotes. Set once, on the main thread,
  /// before any other reads it.
  nonisolated(unsafe) static var inputRoot = "."

  /// The one-line `file:line:column: error: message`, then (for a located error) the
  /// source line with a caret under the column, as compilers print it.
  static func print(_ error: InputError, root: String = ".", excerpt: Bool = true) {
    printLine(error.description)
    guard excerpt, let location = error.location, let line = sourceLine(location, root: root),
      line.contains(where: { !$0.isWhitespace })
    else { return }
    let prefix = line.prefix(max(location.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
    printLine("    " + line)
    printLine("    " + prefix + "^")
  }

  /// Diagnostics quote the input (a flag name, a token); a line longer than this many
  /// characters is cut, saying how many were left out, so that one hostile token cannot
  /// fill the terminal or a CI log (a 200,000-character flag name printed it whole).
  static let maximumLineLength = 1_000

  /// Writes `text` as one line: a line break inside it is escaped (`\u{A}`).
  static func printLine(_ text: String) {
    var line = TerminalSafe.text(text, oneLine: true)
    if line.count > maximumLineLength {
      let omitted = line.count - maximumLineLength
      line = String(line.prefix(maximumLineLength)) + "… (\(omitted) more characters)"
    }
    Output.writeStandardError(line + "\n")
  }

  /// The line `location` points at, read again from the file: nil when it cannot be read,
  /// when a file of the repository (named relative to `root`, or by an absolute path into
  /// it) lies outside it (a committed link out, or one swapped in since it was read), when
  /// the line is not text (invalid UTF-8, a NUL: a UTF-16 file's line would print as
  /// mojibake), or when the file has a lone CR: the readers count lines differently there
  /// (BuildKit and bash at LF only, YAML at CR too), so the excerpt could be another line
  /// than the one the error is about.
  private static func sourceLine(_ location: SourceLocation, root: String) -> String? {
    let path = ArtifactFile.join(root, location.file)
    let inRepository = !location.file.hasPrefix("/") || ArtifactFile.isRepositoryFile(path, root: root)
    guard let bytes = try? FileBytes.contents(of: path, inside: inRepository ? root : nil).get(), bytes.count < 2_000_000,
      !bytes.indices.contains(where: { bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A) })
    else { return nil }
    let text = SourceText(file: location.file, text: String(decoding: bytes, as: UTF8.self))
    let lines = text.lines
    guard location.line >= 1, location.line <= lines.count else { return nil }
    let line = lines[location.line - 1]
    guard line.count <= 300, !line.unicodeScalars.contains(where: { $0 == "\u{FFFD}" || $0 == "\0" }) else { return nil }
    return String(line)
  }
}

/// Ends the process with `status` (the global `exit`, which `ParsableCommand` shadows).
func terminate(_ status: Int32) -> Never {
  exit(status)
}

/// Ends the process once a command's output is written: status 1 when `failing`, else 0.
/// Called from inside `run()`, so what is still alive (the matrix, and for commands
/// other than `report` the project model) is never freed: freeing it would only cost
/// time after the answer is out. (`report` releases the project before rendering, where
/// its memory peaked; see `Report.evaluate()`.)
func endProcess(failing: Bool) -> Never {
  terminate(failing ? 1 : 0)
}
